package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * Password hashes as other libraries write them (commons-codec's crypt(3) formats, Bouncy Castle's bcrypt and Argon2),
 * in the lines that carry them: /etc/shadow, htpasswd, a user row in a log. Look-alikes with a {@code $} stay.
 */
class PasswordHashesTest {
    private final PiiScanner scanner = new PiiScanner();

    @Test
    void findsHashesWrittenByOtherLibraries() {
        Random random = new Random(42);
        List<String> hashes = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            String password = "pw" + random.nextInt(1_000_000) + "!x";
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            hashes.add(Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8)));
            hashes.add(Md5Crypt.apr1Crypt(password));
            hashes.add(Sha2Crypt.sha256Crypt(password.getBytes(StandardCharsets.UTF_8)));
            hashes.add(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8)));
            hashes.add(Sha2Crypt.sha512Crypt(
                    password.getBytes(StandardCharsets.UTF_8), "$6$rounds=" + (5000 + k) + "$s" + k));
            hashes.add(OpenBSDBCrypt.generate(password.toCharArray(), salt, 4 + k % 4));
            hashes.add(OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10));
            hashes.add(argon2(password, salt, k));
        }
        int found = 0;
        for (String hash : hashes) {
            for (String line : List.of(
                    "root:" + hash + ":19000:0:99999:7:::",
                    "admin:" + hash,
                    "created user bob with password_hash " + hash + " in 12 ms",
                    "{\"user\": \"bob\", \"hash\": \"" + hash + "\"}")) {
                List<String> spans = ScannedSpans.of(scanner, line);
                assertThat(spans).as(line).contains(hash);
                found++;
            }
        }
        assertThat(found).isEqualTo(hashes.size() * 4);
    }

    /** Cisco IOS's type 8 (PBKDF2) and type 9 (scrypt) secrets, as its configuration guides print them. */
    @Test
    void findsCiscoSecrets() {
        String type9 = "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM";
        String type8 = "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs";
        assertThat(ScannedSpans.of(scanner, "username admin privilege 15 secret 9 " + type9))
                .containsExactly(type9);
        assertThat(ScannedSpans.of(scanner, "enable secret 8 " + type8)).containsExactly(type8);
    }

    @Test
    void leavesDollarLookAlikesAlone() {
        assertThat(ScannedSpans.of(scanner, "echo $HOME $PATH ${USER}; cost $2 of $5; price $12.50$"))
                .isEmpty();
        assertThat(ScannedSpans.of(scanner, "regex ^$1$ matched; $6$ short; $2b$12$tooShort; $argon2id$v=19$m=1"))
                .isEmpty();
        assertThat(ScannedSpans.of(scanner, "jq '.items[] | $x' and awk '{print $1$2$3}'"))
                .isEmpty();
    }

    /** Argon2id as the PHC string format writes it ($argon2id$v=19$m=...,t=...,p=...$salt$hash, base64 unpadded). */
    private static String argon2(String password, byte[] salt, int k) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(64)
                .withIterations(1 + k % 3)
                .withParallelism(1)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[32];
        generator.generateBytes(password.toCharArray(), hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=64,t=" + (1 + k % 3) + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }
}
