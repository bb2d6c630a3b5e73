package dev.vigil.tests.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Endpoints and credentials of the local stack started by {@code ./vigil stack up}.
 *
 * <p>Values come from the environment ({@code ./vigil test} exports them), else from
 * {@code .vigil/stack.env} in the repository, so {@code mvn verify} also works on a running stack.
 * Credentials are read from the files the stack generated, never hard-coded.
 */
public final class LocalStack {
    private static final Map<String, String> VALUES = load();

    private LocalStack() {}

    public static String get(String key) {
        String value = VALUES.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    key + " is not set: start the local stack with ./vigil stack up (or run ./vigil test)");
        }
        return value;
    }

    /** Whether the stack defines {@code key} (an older stack may lack a newer key). */
    public static boolean has(String key) {
        String value = VALUES.get(key);
        return value != null && !value.isBlank();
    }

    /** Reads a credential from the file named by {@code <key>_FILE}. */
    public static String secret(String key) {
        try {
            return Files.readString(Path.of(get(key + "_FILE")), StandardCharsets.UTF_8)
                    .trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential file for " + key, e);
        }
    }

    public static String kafkaBootstrap() {
        return get("VIGIL_KAFKA_BOOTSTRAP");
    }

    public static String pgUrl() {
        return get("VIGIL_PG_URL");
    }

    public static String pgUser() {
        return get("VIGIL_PG_USER");
    }

    public static String pgPassword() {
        return secret("VIGIL_PG_PASSWORD");
    }

    public static String esUrl() {
        return get("VIGIL_ES_URL");
    }

    public static String s3Endpoint() {
        return get("VIGIL_S3_ENDPOINT");
    }

    public static String s3Bucket() {
        return get("VIGIL_S3_BUCKET");
    }

    public static String s3AccessKey() {
        return secret("VIGIL_S3_ACCESS_KEY");
    }

    public static String s3SecretKey() {
        return secret("VIGIL_S3_SECRET_KEY");
    }

    /** Flink settings that reach the local S3 through Flink's S3 filesystem (path-style, the stack's keys). */
    public static org.apache.flink.configuration.Configuration flinkS3() {
        org.apache.flink.configuration.Configuration flink = new org.apache.flink.configuration.Configuration();
        flink.setString("s3.endpoint", s3Endpoint());
        flink.setString("s3.path.style.access", "true");
        flink.setString("s3.endpoint.region", "us-east-1");
        flink.setString("s3.access-key", s3AccessKey());
        flink.setString("s3.secret-key", s3SecretKey());
        return flink;
    }

    public static String alertmanagerUrl() {
        return get("VIGIL_ALERTMANAGER_URL");
    }

    public static String prometheusUrl() {
        return get("VIGIL_PROMETHEUS_URL");
    }

    public static String flinkUrl() {
        return get("VIGIL_FLINK_URL");
    }

    /**
     * Lets the cluster's Flink read what a test wrote under {@code dir} (config, keys) and write its checkpoints
     * there: when root started the stack, Flink runs as {@code vigil-flink}, so the folder and what is in it
     * go to that group (read; folders also write), and still to no one else. Call it after writing the files.
     */
    public static void shareWithFlink(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) return; // the stack runs as its owner, Flink too
        GroupPrincipal flink;
        try {
            flink = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("vigil-flink");
        } catch (UserPrincipalNotFoundException e) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setGroup(flink);
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                permissions.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    permissions.add(PosixFilePermission.GROUP_WRITE);
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(p, permissions);
            }
        }
    }

    /** The repository root: the nearest folder upwards that holds the {@code vigil} launcher. */
    public static Path repoRoot() {
        Path start = Path.of(System.getProperty("vigil.root", System.getProperty("user.dir")))
                .toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigil")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        return start;
    }

    private static Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        Path envFile = Path.of(System.getenv()
                        .getOrDefault("VIGIL_HOME", repoRoot().resolve(".vigil").toString()))
                .resolve("stack.env");
        if (Files.isRegularFile(envFile)) {
            try {
                for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        values.put(
                                line.substring(0, eq).trim(),
                                line.substring(eq + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("VIGIL_")) {
                values.put(k, v);
            }
        });
        return values;
    }
}
