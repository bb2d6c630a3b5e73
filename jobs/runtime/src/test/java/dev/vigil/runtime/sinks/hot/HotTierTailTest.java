package dev.vigil.runtime.sinks.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.sinks.elasticsearch.DocumentIds;
import dev.vigil.schema.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HotTierTailTest {
    private static HotEntry entry(String service, String level, String cid, String message) {
        return new HotEntry(
                "id", 1L, service, level, cid, "{\"service\":\"" + service + "\",\"message\":\"" + message + "\"}");
    }

    @Test
    void filtersCombineServiceLevelRequestAndText() {
        Predicate<HotEntry> f = HotTierTail.parse(
                        new String[] {"--service", "a,b", "--level", "warn,error", "--grep", "Timeout"})
                .filter();
        assertThat(f.test(entry("a", "WARN", null, "upstream timeout after 3 s")))
                .isTrue();
        assertThat(f.test(entry("b", "error", "r1", "TIMEOUT"))).isTrue();
        assertThat(f.test(entry("c", "WARN", null, "timeout")))
                .as("another service")
                .isFalse();
        assertThat(f.test(entry("a", "INFO", null, "timeout")))
                .as("another level")
                .isFalse();
        assertThat(f.test(entry("a", null, null, "timeout"))).as("no level").isFalse();
        assertThat(f.test(entry("a", "WARN", null, "done"))).as("no match").isFalse();
        assertThat(f.test(entry("a", "warning", null, "timeout")))
                .as("an error's severity warning is warn")
                .isTrue();
        assertThat(HotTierTail.parse(new String[] {"--level", "Warning"}).levels)
                .containsExactly("WARN");

        Predicate<HotEntry> request =
                HotTierTail.parse(new String[] {"--correlation-id", "r1"}).filter();
        assertThat(request.test(entry("a", "INFO", "r1", "x"))).isTrue();
        assertThat(request.test(entry("a", "INFO", "r2", "x"))).isFalse();
        assertThat(request.test(entry("a", "INFO", null, "x"))).isFalse();
    }

    @Test
    void sinceTakesTheDurationsItsUsageShows() {
        assertThat(HotTierTail.parse(new String[] {}).sinceMs).as("the default").isEqualTo(600_000L);
        assertThat(HotTierTail.parse(new String[] {"--since", "10m"}).sinceMs).isEqualTo(600_000L);
        assertThat(HotTierTail.parse(new String[] {"--since", "10min"}).sinceMs).isEqualTo(600_000L);
        assertThat(HotTierTail.parse(new String[] {"--since", "30s"}).sinceMs).isEqualTo(30_000L);
        assertThat(HotTierTail.parse(new String[] {"--since", "2h"}).sinceMs).isEqualTo(7_200_000L);
    }

    @Test
    void linesShowLevelsAndSeveritiesAlike() {
        HotTierTail plain = HotTierTail.parse(new String[] {"--no-color"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        plain.print(new HotEntry("a", 0L, "pay", "error", "r1", "{\"message\":\"card declined\"}"), out);
        plain.print(new HotEntry("b", 0L, "pay", "INFO", null, "{\"message\":\"ok\"}"), out);
        plain.print(new HotEntry("c", 0L, "pay", null, null, "{\"message\":\"no level\"}"), out);
        plain.print(new HotEntry("d", 0L, "pay", "warning", null, "{\"message\":\"retrying\"}"), out);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "1970-01-01 00:00:00.000  pay                  ERROR  card declined  [r1]",
                        "1970-01-01 00:00:00.000  pay                  INFO   ok",
                        "1970-01-01 00:00:00.000  pay                  -      no level",
                        "1970-01-01 00:00:00.000  pay                  WARN   retrying");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> HotTierTail.parse(new String[] {"--since", "ten minutes"}))
                .hasMessage("--since ten minutes is not a duration (e.g. 30s, 10m, 2h)");
        assertThatThrownBy(() -> HotTierTail.parse(new String[] {"--limit", "0"}))
                .hasMessage("--limit must be 1..100000, got 0");
        assertThatThrownBy(() -> HotTierTail.parse(new String[] {"--service"})).hasMessage("--service needs a value");
        assertThatThrownBy(() -> HotTierTail.parse(new String[] {"--level", "info,bogus"}))
                .hasMessage("--level bogus is not a level: one of trace, debug, info, warn, error, fatal");
        assertThatThrownBy(() -> HotTierTail.parse(new String[] {"--follow-me"}))
                .hasMessage("unknown argument --follow-me");
    }

    @Test
    void anEntryOfARequestListIsReadFromItsJson() {
        HotEntry e = HotEntry.ofJson(
                "{\"event_id\":\"e1\",\"type\":\"agent_log\",\"timestamp\":1764460800057,\"service\":\"svc-c\","
                        + "\"correlation_id\":\"r3\",\"attributes\":{\"k\":[1,{\"level\":\"no\"}]},\"level\":\"ERROR\",\"message\":\"step\"}");
        assertThat(e.timestamp()).isEqualTo(1_764_460_800_057L);
        assertThat(e.service()).isEqualTo("svc-c");
        assertThat(e.level()).isEqualTo("ERROR");
        assertThat(e.correlationId()).isEqualTo("r3");
        assertThat(e.message()).isEqualTo("step");
        Event same = new Event();
        same.service = "svc-c";
        same.eventId = "e1";
        assertThat(e.id()).as("the document ID the sink gives the stream entry").isEqualTo(DocumentIds.event(same));
    }
}
