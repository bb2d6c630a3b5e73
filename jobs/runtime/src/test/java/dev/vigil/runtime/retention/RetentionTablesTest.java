package dev.vigil.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every hypertable the migrations create has a retention by default: none grows forever. */
class RetentionTablesTest {
    @Test
    void everyHypertableIsInTheDefaultRetentionList() throws IOException, URISyntaxException {
        Path migrations = Path.of(getClass().getResource("/db/migration").toURI());
        Set<String> hypertables = new TreeSet<>();
        Pattern create = Pattern.compile("create_hypertable\\('([a-z_0-9]+)'");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.toList()) {
                Matcher m = create.matcher(Files.readString(f));
                while (m.find()) hypertables.add(m.group(1));
            }
        }
        Set<String> retained = new TreeSet<>();
        for (String entry : VigilOptions.RETENTION_TABLES.defaultValue()) retained.add(entry.split("=")[0]);
        assertThat(hypertables).hasSizeGreaterThan(10);
        assertThat(retained).isEqualTo(hypertables);
    }
}
