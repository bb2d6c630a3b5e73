package dev.vigil.runtime.windows;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.time.Duration;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** The event-time window a job aggregates in, exactly as configured under {@code windows.<job>.*}: no code change to retune. */
public final class WindowAssigners {
    private WindowAssigners() {}

    public static WindowAssigner<Object, TimeWindow> of(VigilConfig config, String job) {
        long size = config.get(VigilOptions.<Long>window(job, "size"));
        switch (config.get(VigilOptions.<VigilOptions.WindowType>window(job, "type"))) {
            case SLIDING:
                return SlidingEventTimeWindows.of(
                        Duration.ofMillis(size),
                        Duration.ofMillis(config.get(VigilOptions.<Long>window(job, "slide"))));
            case SESSION:
                return EventTimeSessionWindows.withGap(
                        Duration.ofMillis(config.get(VigilOptions.<Long>window(job, "gap"))));
            default:
                return TumblingEventTimeWindows.of(Duration.ofMillis(size));
        }
    }

    /**
     * The largest time slice, aligned like the windows, whose events all fall into the same windows:
     * the size of a tumbling window, the slide of a sliding one, 1 ms for sessions.
     */
    public static long paneMillis(VigilConfig config, String job) {
        switch (config.get(VigilOptions.<VigilOptions.WindowType>window(job, "type"))) {
            case SLIDING: // the size is a multiple of the slide (checked at start-up), so gcd(size, slide) is the slide
                return config.get(VigilOptions.<Long>window(job, "slide"));
            case SESSION:
                return 1;
            default:
                return config.get(VigilOptions.<Long>window(job, "size"));
        }
    }

    public static Duration allowedLateness(VigilConfig config, String job) {
        return Duration.ofMillis(config.get(VigilOptions.<Long>window(job, "allowed-lateness")));
    }
}
