package dev.vigil.runtime.sources;

import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.util.Properties;

/** TLS and SASL client settings; passwords come from files, never from the config itself. */
final class KafkaSecurity {
    private KafkaSecurity() {}

    static Properties properties(VigilConfig config) {
        Properties p = new Properties();
        VigilOptions.SecurityProtocol protocol = config.get(VigilOptions.KAFKA_SECURITY_PROTOCOL);
        p.setProperty("security.protocol", protocol.name());
        if (protocol == VigilOptions.SecurityProtocol.SSL || protocol == VigilOptions.SecurityProtocol.SASL_SSL) {
            String truststore = config.get(VigilOptions.KAFKA_TRUSTSTORE);
            if (!truststore.isEmpty()) {
                p.setProperty("ssl.truststore.location", truststore);
                p.setProperty("ssl.truststore.type", "PKCS12");
                p.setProperty(
                        "ssl.truststore.password",
                        Secrets.fromFile(
                                config.get(VigilOptions.KAFKA_TRUSTSTORE_PASSWORD_FILE),
                                VigilOptions.KAFKA_TRUSTSTORE_PASSWORD_FILE.key()));
            }
        }
        if (protocol.name().startsWith("SASL")) {
            VigilOptions.SaslMechanism mechanism = config.get(VigilOptions.KAFKA_SASL_MECHANISM);
            p.setProperty("sasl.mechanism", mechanism.name().replace('_', '-'));
            String module = mechanism == VigilOptions.SaslMechanism.PLAIN
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            String password = Secrets.fromFile(
                    config.get(VigilOptions.KAFKA_SASL_PASSWORD_FILE), VigilOptions.KAFKA_SASL_PASSWORD_FILE.key());
            p.setProperty(
                    "sasl.jaas.config",
                    module + " required username=\"" + config.get(VigilOptions.KAFKA_SASL_USERNAME) + "\" password=\""
                            + password.replace("\"", "\\\"") + "\";");
        }
        return p;
    }
}
