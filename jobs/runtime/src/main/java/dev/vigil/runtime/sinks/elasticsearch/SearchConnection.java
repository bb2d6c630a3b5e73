package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * How to reach an Elasticsearch or OpenSearch cluster: hosts, TLS trust, and credentials as file paths.
 * This is what travels in the job graph; the credentials are read from their files when a writer opens
 * the client ({@link #open()}), so no secret is ever serialised.
 */
public final class SearchConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> hosts;
    private final String username;
    private final String passwordFile;
    private final String apiKeyFile;
    private final String caFile;
    private final int requestTimeoutMs;

    private SearchConnection(
            List<String> hosts,
            String username,
            String passwordFile,
            String apiKeyFile,
            String caFile,
            int requestTimeoutMs) {
        this.hosts = List.copyOf(hosts);
        this.username = username;
        this.passwordFile = passwordFile;
        this.apiKeyFile = apiKeyFile;
        this.caFile = caFile;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    public static SearchConnection of(VigilConfig config) {
        SearchConnection c = new SearchConnection(
                config.get(VigilOptions.ES_HOSTS),
                config.get(VigilOptions.ES_USERNAME),
                config.get(VigilOptions.ES_PASSWORD_FILE),
                config.get(VigilOptions.ES_API_KEY_FILE),
                config.get(VigilOptions.ES_CA_FILE),
                (int) Math.min(Integer.MAX_VALUE, config.get(VigilOptions.ES_REQUEST_TIMEOUT)));
        if (!c.username.isEmpty() && !c.apiKeyFile.isEmpty()) {
            throw new ConfigException(
                    "elasticsearch.username and elasticsearch.api-key-file: set one of them (basic auth or an API key), not both");
        }
        for (String host : c.hosts) {
            if (!host.startsWith("http://") && !host.startsWith("https://")) {
                throw new ConfigException("elasticsearch.hosts: '" + host + "' is not an http:// or https:// URL");
            }
        }
        // Fail at start-up, not in a task, when a credential file cannot be read.
        Secrets.fromFile(c.passwordFile, VigilOptions.ES_PASSWORD_FILE.key());
        Secrets.fromFile(c.apiKeyFile, VigilOptions.ES_API_KEY_FILE.key());
        if (!c.caFile.isEmpty() && !Files.isReadable(Path.of(c.caFile))) {
            throw new ConfigException(VigilOptions.ES_CA_FILE.key() + ": cannot read " + c.caFile);
        }
        return c;
    }

    /** A low-level REST client for this cluster, with the credentials read now from their files. */
    public RestClient open() throws IOException {
        HttpHost[] nodes = new HttpHost[hosts.size()];
        for (int i = 0; i < nodes.length; i++) nodes[i] = HttpHost.create(hosts.get(i));
        RestClientBuilder b = RestClient.builder(nodes)
                .setRequestConfigCallback(r ->
                        r.setConnectTimeout(Math.min(requestTimeoutMs, 10_000)).setSocketTimeout(requestTimeoutMs));
        String apiKey = Secrets.fromFile(apiKeyFile, VigilOptions.ES_API_KEY_FILE.key());
        if (!apiKey.isEmpty()) b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        SSLContext ssl = caFile.isEmpty() ? null : sslContext(Path.of(caFile));
        String password = Secrets.fromFile(passwordFile, VigilOptions.ES_PASSWORD_FILE.key());
        b.setHttpClientConfigCallback(http -> {
            if (ssl != null) http.setSSLContext(ssl);
            if (!username.isEmpty()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password));
                http.setDefaultCredentialsProvider(credentials);
            }
            return http;
        });
        return b.build();
    }

    /** The status and body of one request, whatever the status (the caller decides what an error means). */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** One request with this client; a JSON body or null. Throws only when the cluster cannot be reached. */
    public static Answer exchange(RestClient client, String method, String endpoint, String jsonBody)
            throws IOException {
        Request request = new Request(method, endpoint);
        if (jsonBody != null) request.setJsonEntity(jsonBody);
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        }
        String body =
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        return new Answer(response.getStatusLine().getStatusCode(), body);
    }

    /** Trusts exactly the CA certificates in a PEM file (one or more). */
    static SSLContext sslContext(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in))
                trust.setCertificateEntry("ca-" + n++, cert);
            if (n == 0) throw new IOException(pem + " holds no certificate");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(
                    "cannot use " + pem + " as the CA of elasticsearch.tls.ca-file: " + e.getMessage(), e);
        }
    }
}
