package dev.vigil.runtime.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSigningTest {
    @Test
    void aSignatureVerifiesOnlyForTheSameBytesAndKey(@TempDir Path tmp) throws Exception {
        AlertSigning.Signer a =
                signing(tmp, "a", "key-a-0123456789abcdef0123456789abcdef").open();
        AlertSigning.Signer b =
                signing(tmp, "b", "key-b-0123456789abcdef0123456789abcdef").open();
        byte[] alert = "{\"fingerprint\":\"f\",\"status\":\"FIRING\"}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = a.sign(alert);
        assertThat(new String(signature, StandardCharsets.US_ASCII)).hasSize(64).matches("[0-9a-f]+");
        assertThat(a.verify(alert, signature)).isTrue();
        assertThat(b.verify(alert, signature)).as("another key").isFalse();
        byte[] changed = "{\"fingerprint\":\"f\",\"status\":\"RESOLVED\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(a.verify(changed, signature)).as("changed alert").isFalse();
        assertThat(a.verify(alert, null)).as("unsigned").isFalse();
        assertThat(a.verify(alert, new byte[0])).isFalse();
    }

    @Test
    void startUpNamesTheKeyAndTheFixWhenTheKeyIsMissingOrShort(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> AlertSigning.from(VigilConfig.load("", List.of(), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.signing-key-file is required")
                .hasMessageContaining("head -c 48 /dev/urandom");
        assertThatThrownBy(() -> signing(tmp, "short", "too-short"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> AlertSigning.from(
                        VigilConfig.load("alerting.signing-key-file: " + tmp.resolve("absent"), List.of(), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.signing-key-file: cannot read");
    }

    private static AlertSigning signing(Path tmp, String name, String key) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), key);
        return AlertSigning.from(VigilConfig.load("alerting.signing-key-file: " + file, List.of(), Map.of()));
    }
}
