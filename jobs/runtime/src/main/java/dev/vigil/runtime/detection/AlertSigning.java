package dev.vigil.runtime.detection;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alerts on the alerts topic are signed: HMAC-SHA256 over the record's value bytes, hex in the
 * {@value #HEADER} header, with a key every Vigil job reads from {@code alerting.signing-key-file}.
 * The alerting job drops (dead-letters) anything unsigned or signed with another key, so a producer
 * that can write to the topic cannot raise or resolve an alert. Only the file name travels with the
 * job graph; each task reads the key when it opens.
 */
public final class AlertSigning implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String HEADER = "vigil.signature";
    static final int MIN_KEY_BYTES = 32;

    private final String keyFile;

    private AlertSigning(String keyFile) {
        this.keyFile = keyFile;
    }

    /** Checks at start-up that the key file is set and holds a long enough key; the message names the key and the fix. */
    public static AlertSigning from(VigilConfig config) {
        String file = config.get(VigilOptions.ALERT_SIGNING_KEY_FILE);
        String key = VigilOptions.ALERT_SIGNING_KEY_FILE.key();
        if (file.isEmpty()) {
            throw new ConfigException(
                    key + " is required: every job signs its alerts and the alerting job accepts only signed ones. "
                            + "Create a file with at least " + MIN_KEY_BYTES
                            + " random bytes (e.g. head -c 48 /dev/urandom | base64 > FILE, mode 600), "
                            + "give every Vigil job the same file, and set " + key + ": FILE");
        }
        AlertSigning signing = new AlertSigning(file);
        signing.key();
        return signing;
    }

    /** A signer/verifier for one task (a {@link Mac} is not thread-safe). */
    public Signer open() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return new Signer(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }

    private byte[] key() {
        String key = VigilOptions.ALERT_SIGNING_KEY_FILE.key();
        byte[] bytes = Secrets.fromFile(keyFile, key).getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new ConfigException(
                    key + ": " + keyFile + " must hold a key of at least " + MIN_KEY_BYTES + " bytes");
        }
        return bytes;
    }

    /** Signs and verifies alert records. */
    public static final class Signer {
        private final Mac mac;

        private Signer(Mac mac) {
            this.mac = mac;
        }

        /** The signature header's value for {@code value}. */
        public byte[] sign(byte[] value) {
            return HexFormat.of().formatHex(mac.doFinal(value)).getBytes(StandardCharsets.US_ASCII);
        }

        /** True when {@code signature} is this key's signature of {@code value}; compared in constant time. */
        public boolean verify(byte[] value, byte[] signature) {
            return signature != null && MessageDigest.isEqual(sign(value), signature);
        }
    }
}
