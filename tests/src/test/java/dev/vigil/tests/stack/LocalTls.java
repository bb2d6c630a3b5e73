package dev.vigil.tests.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts from the local stack's CA ({@code .vigil/secrets/tls}), as its clients use them. */
public final class LocalTls {
    private LocalTls() {}

    /** Trusts the stack's CA only; presents no certificate. */
    public static SSLContext trustingLocalCa() {
        return context(false);
    }

    /** Trusts the stack's CA and presents the Flink client certificate, which Flink's REST API requires (mutual TLS). */
    public static SSLContext flinkClient() {
        return context(true);
    }

    private static SSLContext context(boolean withClientKey) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(
                    Path.of(LocalStack.get("VIGIL_TLS_DIR")).resolve("truststore.p12"),
                    LocalStack.secret("VIGIL_KAFKA_TRUSTSTORE_PASSWORD")));
            KeyManagerFactory kmf = null;
            if (withClientKey) {
                String password = LocalStack.secret("VIGIL_FLINK_CLIENT_KEYSTORE_PASSWORD");
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(
                        load(Path.of(LocalStack.get("VIGIL_FLINK_CLIENT_KEYSTORE")), password), password.toCharArray());
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot load the local stack's TLS material (./vigil stack up creates it): " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
