package dev.vigil.jobs.errors.functions;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.patterns.BurstPattern;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** ErrorSpike: {@code detection.error-spike.count} errors of one group within {@code detection.error-spike.within} ({@link BurstPattern}). */
public final class ErrorSpikePattern {
    public static final String NAME = "ErrorSpike";

    private ErrorSpikePattern() {}

    /** {@code errors} must already carry their group. */
    public static DataStream<Alert> detect(DataStream<Event> errors, VigilConfig config) {
        int count = config.get(VigilOptions.ERROR_SPIKE_COUNT);
        Duration within = Duration.ofMillis(config.get(VigilOptions.ERROR_SPIKE_WITHIN));
        return BurstPattern.detect(
                errors, e -> e.error.groupId, e -> e.timestamp, count, within, NAME, new ToAlert(within));
    }

    static final class ToAlert implements BurstPattern.AlertFactory<Event> {
        private final long withinMillis;

        ToAlert(Duration within) {
            this.withinMillis = within.toMillis();
        }

        @Override
        public Alert create(List<Event> burst) {
            Event first = burst.get(0);
            Event last = burst.get(burst.size() - 1);
            // Errors per minute over the burst: a spike that doubles its rate escalates.
            double perMinute = burst.size() * 60_000.0 / Math.max(1000, last.timestamp - first.timestamp);
            Alert a = Alerts.firing(
                    NAME,
                    "warning",
                    first.service,
                    first.error.groupId,
                    first.timestamp,
                    last.timestamp,
                    Math.round(perMinute * 10) / 10.0,
                    0,
                    burst.size() + " x " + first.error.errorType + " in " + first.service + " within "
                            + (withinMillis / 1000) + " s");
            a.labels.put("group_id", first.error.groupId);
            return a;
        }
    }
}
