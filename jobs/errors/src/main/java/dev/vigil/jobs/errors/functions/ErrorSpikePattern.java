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
        DataStream<ErrorHit> hits = errors.map(ErrorHit::of)
                .returns(ErrorHit.class)
                .uid("error-spike-hits")
                .name("error spike: what a burst needs");
        return BurstPattern.detect(hits, h -> h.groupId, h -> h.timestamp, count, within, NAME, new ToAlert(within));
    }

    /**
     * What a burst keeps of an error: the detector reads and writes its pending errors once per watermark step, and a
     * whole error event (message, stack frames, attributes) costs ten times more to (de)serialise.
     */
    public static final class ErrorHit {
        public String service;
        public String groupId;
        public String errorType;
        public long timestamp;

        public ErrorHit() {}

        static ErrorHit of(Event e) {
            ErrorHit h = new ErrorHit();
            h.service = e.service;
            h.groupId = e.error.groupId;
            h.errorType = e.error.errorType;
            h.timestamp = e.timestamp;
            return h;
        }
    }

    static final class ToAlert implements BurstPattern.AlertFactory<ErrorHit> {
        private final long withinMillis;

        ToAlert(Duration within) {
            this.withinMillis = within.toMillis();
        }

        @Override
        public Alert create(List<ErrorHit> burst) {
            ErrorHit first = burst.get(0);
            ErrorHit last = burst.get(burst.size() - 1);
            // Errors per minute over the burst: a spike that doubles its rate escalates.
            double perMinute = burst.size() * 60_000.0 / Math.max(1000, last.timestamp - first.timestamp);
            Alert a = Alerts.firing(
                    NAME,
                    "warning",
                    first.service,
                    first.groupId,
                    first.timestamp,
                    last.timestamp,
                    Math.round(perMinute * 10) / 10.0,
                    0,
                    burst.size() + " x " + first.errorType + " in " + first.service + " within " + (withinMillis / 1000)
                            + " s");
            a.labels.put("group_id", first.groupId);
            return a;
        }
    }
}
