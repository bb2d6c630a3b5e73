package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials written in free text: which spans are found (of any kind), with exact boundaries, and which look-alikes are left alone. */
class SecretAssignmentTest {
    private final PiiScanner scanner = new PiiScanner();

    @Test
    void findsValuesAfterKeysThatNameASecretInEveryCommonForm() {
        assertSecrets("POST /login?user=bob&password=hunter2&next=/home", "hunter2");
        assertSecrets("form body: username=alice&pwd=S3cr3t!x&remember=1", "S3cr3t!x");
        assertSecrets("GET /v1/data?api_key=9f86d081884c7d659a2feaa0c55ad015 200", "9f86d081884c7d659a2feaa0c55ad015");
        assertSecrets(
                "{\"AccessKeyId\": \"ASIAXXEXAMPLE\", \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertSecrets("SPRING_DATASOURCE_PASSWORD=changeit JAVA_OPTS=-Xmx1g", "changeit");
        assertSecrets("spring.datasource.password = tr0ub4dor&3", "tr0ub4dor");
        assertSecrets("config: {'db_pass': 'p@ss w0rd', 'host': 'db'}", "p@ss w0rd");
        assertSecrets("apiKey: AbC123xyz;", "AbC123xyz");
        assertSecrets("x-api-key: 0123456789abcdef", "0123456789abcdef");
        assertSecrets("Authorization: Basic dXNlcjpwYXNzd29yZA== from 10.1.1.1", "dXNlcjpwYXNzd29yZA==", "10.1.1.1");
        assertSecrets("Authorization: Bearer 4iIHrqcPMAxTGbrIpJkqWBnjc4ZGHPHZ", "4iIHrqcPMAxTGbrIpJkqWBnjc4ZGHPHZ");
        assertSecrets("client_secret=\"a\\\"b\" grant_type=client_credentials", "a\\\"b");
        assertSecrets("payload {\\\"password\\\":\\\"s3cr3t\\\"} rejected", "s3cr3t");
        assertSecrets("connecting to postgres://app:Sup3rS3cret@db.internal:5432/app", "Sup3rS3cret");
        assertSecrets(
                "AZURE conn: DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk=;EndpointSuffix=core",
                "bXlrZXk=");
        assertSecrets("refresh_token: 1//0gLx-abc_DEF", "1//0gLx-abc_DEF");
        assertSecrets(
                "key loaded: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                "\nMIIEowIBAAKCAQEA\n");
    }

    @Test
    void leavesLookAlikesAlone() {
        assertSecrets("usage: prompt_tokens=512 completion_tokens=128 max_tokens=4096 tokens_in=12");
        assertSecrets("bypass=true author=jane passport_check=ok");
        assertSecrets("password_file=/run/secrets/db token_ttl=3600 auth_type=oauth2 password_policy=strict");
        assertSecrets("compare a == b; x := 5");
        assertSecrets("open https://example.com:8443/path?q=1");
        assertSecrets("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
        assertSecrets("password reset requested for account 42");
        assertSecrets("password=");
    }

    private void assertSecrets(String text, String... secrets) {
        int n = scanner.scan(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            found.add(text.substring(scanner.start(i), scanner.end(i)));
        }
        assertThat(found).as(text).containsExactly(secrets);
    }
}
