package dev.vigil.runtime.accounting;

import dev.vigil.runtime.config.Secrets;
import java.io.Serializable;
import java.util.Map;

/**
 * Where the masking HMAC key is read from: an environment variable, else a file. Only the names
 * travel with the job graph; each task reads the key itself when it opens.
 */
public final class MaskingKeySource implements Serializable {
    private final String envName;
    private final String file;

    public MaskingKeySource(String envName, String file) {
        this.envName = envName;
        this.file = file;
    }

    public byte[] read(Map<String, String> env) {
        return Secrets.fromEnvOrFile(env, envName, file, "masking.hmac-key-file");
    }

    public String describe() {
        return "the environment variable " + envName + (file.isEmpty() ? "" : " or the file " + file);
    }
}
