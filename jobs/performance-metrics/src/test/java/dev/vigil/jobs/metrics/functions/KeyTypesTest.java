package dev.vigil.jobs.metrics.functions;

import dev.vigil.testing.KeyTypeTestBase;
import org.junit.jupiter.api.Nested;

/** Flink's serializer suite, and the key checks, for each composite key of the performance-metrics job. */
class KeyTypesTest {

    @Nested
    class SeriesKeyType extends KeyTypeTestBase<Series> {
        SeriesKeyType() {
            super(
                    Series.TYPE,
                    new Series("checkout", "GET /cart", "http.server.duration", "region=eu,status=200"),
                    new Series("checkout", "", "http.server.duration", ""),
                    new Series("checkoutGET /cart", "", "http.server.duration", ""),
                    new Series("", "", "", ""),
                    new Series("käse", "op", "queue.depth", "status=5xx"));
        }
    }

    @Nested
    class CounterInstance extends KeyTypeTestBase<CounterDeltas.Instance> {
        CounterInstance() {
            super(
                    CounterDeltas.Instance.TYPE,
                    new CounterDeltas.Instance(new Series("api", "", "requests", ""), "pod-1", "node-a"),
                    new CounterDeltas.Instance(new Series("api", "", "requests", ""), "", "node-a"),
                    new CounterDeltas.Instance(new Series("api", "", "requests", ""), "node-a", ""),
                    new CounterDeltas.Instance(new Series("api", "", "requests", "status=200"), "pod-1", "node-a"));
        }
    }

    @Nested
    class ResourceInstance extends KeyTypeTestBase<WindowedKinds.Instance> {
        ResourceInstance() {
            super(
                    WindowedKinds.Instance.TYPE,
                    new WindowedKinds.Instance("api", "pod-1"),
                    new WindowedKinds.Instance("api", ""),
                    new WindowedKinds.Instance("apipod-1", ""),
                    new WindowedKinds.Instance("", "api"));
        }
    }
}
