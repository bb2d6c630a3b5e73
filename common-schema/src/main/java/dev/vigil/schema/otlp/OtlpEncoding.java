package dev.vigil.schema.otlp;

/** How an OTLP export request is serialised: protobuf (the Collector's {@code otlp_proto}) or OTLP/JSON ({@code otlp_json}). */
public enum OtlpEncoding {
    PROTO,
    JSON
}
