package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.tests.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack as a local user meets it (docs/reliability.md, "A local user"): when root starts it,
 * the services that need none of root's files run as system users of their own, each owning its data
 * folder at mode 700, so a flaw in one reaches neither root nor another service's data.
 */
class LocalStackIsolationIT {
    /** Service (its pid file under .vigil/run) to the user it must run as and the data folder it owns. */
    private static final Map<String, String[]> OWN_USERS = Map.of(
            "kafka", new String[] {"vigil-kafka", "kafka"},
            "s3", new String[] {"vigil-s3", "s3"},
            "redis", new String[] {"vigil-redis", "redis"},
            "prometheus", new String[] {"vigil-prometheus", "prometheus"},
            "alertmanager", new String[] {"vigil-alertmanager", "alertmanager"},
            "elasticsearch", new String[] {"vigil-es", "elasticsearch"},
            // both run jobs, that is producers' data through user code
            "jobmanager", new String[] {"vigil-flink", "flink"},
            "taskmanager", new String[] {"vigil-flink", "flink"});

    @Test
    void servicesStartedByRootRunAsTheirOwnUsersAndOwnTheirDataAlone() throws Exception {
        Path home = Path.of(System.getenv()
                .getOrDefault(
                        "VIGIL_HOME", LocalStack.repoRoot().resolve(".vigil").toString()));
        assumeTrue(
                uid(Path.of("/proc/self/status")) == 0,
                "the stack was not started by root: every service runs as its owner");

        Map<String, Integer> uids = new HashMap<>();
        for (Map.Entry<String, String[]> service : OWN_USERS.entrySet()) {
            String pid = Files.readString(home.resolve("run/" + service.getKey() + ".pid"), StandardCharsets.UTF_8)
                    .trim();
            int uid = uid(Path.of("/proc", pid, "status"));
            assertThat(userName(uid))
                    .as(service.getKey() + " (pid " + pid + ") runs as")
                    .isEqualTo(service.getValue()[0]);
            uids.put(service.getValue()[0], uid);

            Path data = home.resolve("data").resolve(service.getValue()[1]);
            if (service.getKey().equals("elasticsearch") && !Files.isDirectory(data)) continue; // moved under /var/lib
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data, LinkOption.NOFOLLOW_LINKS)))
                    .as(data.toString())
                    .isEqualTo("rwx------");
            assertThat((Integer) Files.getAttribute(data, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                    .as(data + " owner")
                    .isEqualTo(uid);
        }
        assertThat(new HashSet<>(uids.values()))
                .as("one uid per user, none root")
                .hasSameSizeAs(uids.keySet())
                .doesNotContain(0);

        // Flink reads the secrets its jobs connect with (group read), and no other: not the CA's key, not another's
        Path secrets = home.resolve("secrets");
        assertMode(secrets, "rwx--x---", "vigil-flink");
        assertMode(secrets.resolve("tls"), "rwx--x---", "vigil-flink");
        assertMode(secrets.resolve("pg-password"), "rw-r-----", "vigil-flink");
        assertMode(secrets.resolve("redis-password"), "rw-r-----", "vigil-flink");
        assertMode(secrets.resolve("s3-curl.conf"), "rw-------", "root");
        assertMode(secrets.resolve("tls/ca.p12"), "rw-------", "root");
    }

    private static void assertMode(Path path, String permissions, String group) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                .as(path + " mode")
                .isEqualTo(permissions);
        assertThat(Files.readAttributes(
                                path, java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .group()
                        .getName())
                .as(path + " group")
                .isEqualTo(group);
    }

    private static int uid(Path status) throws IOException {
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("Uid:")) return Integer.parseInt(line.split("\\s+")[1]); // real uid
        }
        throw new IllegalStateException("no Uid line in " + status);
    }

    private static String userName(int uid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
            String[] f = line.split(":");
            if (f.length > 2 && Integer.parseInt(f[2]) == uid) return f[0];
        }
        return "uid " + uid;
    }
}
