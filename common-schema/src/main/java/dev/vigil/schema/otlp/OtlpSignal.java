package dev.vigil.schema.otlp;

/** The three OTLP signals, each on its own topic as the OpenTelemetry Collector's Kafka exporter writes them. */
public enum OtlpSignal {
    LOGS,
    METRICS,
    TRACES;

    /** The name in config ({@code logs}, {@code metrics}, {@code traces}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
