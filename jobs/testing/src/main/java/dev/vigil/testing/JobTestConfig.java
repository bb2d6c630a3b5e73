package dev.vigil.testing;

import dev.vigil.runtime.config.VigilConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A job's config for a run without the stack: a masking key and checkpoints under {@code tmp}, one subtask (a deterministic order), plus {@code yaml}. */
public final class JobTestConfig {
    private JobTestConfig() {}

    public static VigilConfig of(Path tmp, String yaml) throws IOException {
        Path key = Files.writeString(tmp.resolve("masking-key"), "job-test-masking-key-0123456789");
        return VigilConfig.load("""
                masking: {hmac-key-file: "%s"}
                checkpoint: {storage: "file://%s"}
                parallelism: 1
                """.formatted(key, tmp.resolve("checkpoints")) + yaml, List.of(), Map.of());
    }
}
