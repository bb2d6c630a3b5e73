package dev.vigil.tests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Looks for seeded secrets and raw PII values, byte for byte, in files and in texts gathered from services. */
final class SecretScan {
    private final Map<String, String> seeds;
    private final List<String> findings = new ArrayList<>();
    private long filesScanned;
    private long bytesScanned;

    /** {@code seeds}: a label for each seeded value → the value. */
    SecretScan(Map<String, String> seeds) {
        this.seeds = seeds;
    }

    /** Every regular file under the folder (recursively). */
    SecretScan folder(Path folder) {
        if (!Files.isDirectory(folder)) return this;
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(this::file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SecretScan file(Path file) {
        try {
            bytes(file.toString(), Files.readAllBytes(file));
            filesScanned++;
        } catch (IOException e) {
            // a file rotated away while walking
        }
        return this;
    }

    SecretScan text(String where, String text) {
        return bytes(where, text.getBytes(StandardCharsets.UTF_8));
    }

    SecretScan bytes(String where, byte[] data) {
        bytesScanned += data.length;
        for (Map.Entry<String, String> seed : seeds.entrySet()) {
            if (indexOf(data, seed.getValue().getBytes(StandardCharsets.UTF_8)) >= 0)
                findings.add(seed.getKey() + " in " + where);
        }
        return this;
    }

    List<String> findings() {
        return findings;
    }

    long filesScanned() {
        return filesScanned;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
