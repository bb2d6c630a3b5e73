package dev.vigil.bench.e2e;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotEntry;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * After the hot-tier sink run: checks that Redis holds what the run wrote (the throughput counts nothing
 * dropped), then times {@code GET /requests/{id}}'s read, one request's events, against everything in Redis.
 */
final class HotTierBench {
    private HotTierBench() {}

    static void report(VigilConfig config, long events) {
        HotTierSettings settings = HotTierSettings.of(config);
        try (HotTierReader reader = new HotTierReader(settings)) {
            List<String> streams = reader.streams(Set.of());
            long kept = 0;
            for (String s : streams) kept += reader.length(s);
            long[] nanos = new long[2_000];
            int found = 0;
            for (int i = 0; i < nanos.length; i++) {
                String cid = "req-" + (1 + (i * 7919L) % (events / 4 - 1)); // req-0 has 3 events (the sequence starts at 1)
                long t0 = System.nanoTime();
                List<HotEntry> request = reader.request(cid);
                nanos[i] = System.nanoTime() - t0;
                if (request.size() == 4) found++;
            }
            Arrays.sort(nanos);
            EndToEndBench.log(String.format("hot tier: %,d events written, %,d in %d streams (capped at %,d each); "
                            + "request lookup (4 events, %,d requests of %,d found whole): p50 %.2f ms, p99 %.2f ms",
                    events, kept, streams.size(), config.get(dev.vigil.runtime.config.VigilOptions.HOT_TIER_STREAM_MAX_LENGTH),
                    found, nanos.length, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6));
        }
    }
}
