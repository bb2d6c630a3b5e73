package dev.vigil.workload.otlp;

import dev.vigil.schema.otlp.OtlpEncoding;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A service instrumented with the OpenTelemetry Java SDK whose telemetry is taken as OTLP export requests, encoded
 * by the SDK's own OTLP marshalers (protobuf or OTLP/JSON), the bytes an OpenTelemetry Collector's Kafka exporter
 * would write. Record through {@link #logger}, {@link #tracer} and {@link #meter}; take each signal's request with
 * {@link #logs}, {@link #traces} and {@link #metrics}. Metrics are read with delta temporality unless asked for
 * cumulative.
 */
public final class OtlpExports implements AutoCloseable {
    private final Exported<LogRecordData> logRecords = new Exported<>();
    private final Exported<SpanData> spans = new Exported<>();
    private final SdkLoggerProvider loggers;
    private final SdkTracerProvider tracers;
    private final SdkMeterProvider meters;
    private final OnDemandReader reader;

    public OtlpExports(Attributes resource) {
        this(resource, AggregationTemporality.DELTA);
    }

    public OtlpExports(Attributes resource, AggregationTemporality temporality) {
        this(resource, temporality, Clock.getDefault());
    }

    /** {@code clock} stamps metric points (logs and spans take the times they are given). */
    public OtlpExports(Attributes resource, AggregationTemporality temporality, Clock clock) {
        this(resource, temporality, clock, false);
    }

    /** {@code exponentialHistograms}: histograms aggregate into base-2 exponential buckets instead of explicit ones. */
    public OtlpExports(
            Attributes resource, AggregationTemporality temporality, Clock clock, boolean exponentialHistograms) {
        reader = new OnDemandReader(temporality, exponentialHistograms);
        Resource r = Resource.create(resource);
        loggers = SdkLoggerProvider.builder()
                .setResource(r)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(new LogRecordExporter() {
                    @Override
                    public CompletableResultCode export(Collection<LogRecordData> logs) {
                        return logRecords.add(logs);
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                }))
                .build();
        tracers = SdkTracerProvider.builder()
                .setResource(r)
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                    @Override
                    public CompletableResultCode export(Collection<SpanData> batch) {
                        return spans.add(batch);
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                }))
                .build();
        meters = SdkMeterProvider.builder()
                .setClock(clock)
                .setResource(r)
                .registerMetricReader(reader)
                .build();
    }

    public Logger logger(String scope) {
        return loggers.get(scope);
    }

    public Tracer tracer(String scope) {
        return tracers.get(scope);
    }

    public Meter meter(String scope) {
        return meters.get(scope);
    }

    /** The log records emitted since the last call, as one export request; null when there were none. */
    public byte[] logs(OtlpEncoding encoding) {
        List<LogRecordData> batch = logRecords.drain();
        return batch.isEmpty() ? null : encode(LogsRequestMarshaler.create(batch), encoding);
    }

    /** The spans ended since the last call, as one export request; null when there were none. */
    public byte[] traces(OtlpEncoding encoding) {
        List<SpanData> batch = spans.drain();
        return batch.isEmpty() ? null : encode(TraceRequestMarshaler.create(batch), encoding);
    }

    /** The metrics recorded (since the last call when delta), as one export request; null when none. */
    public byte[] metrics(OtlpEncoding encoding) {
        Collection<MetricData> batch = reader.collect();
        return batch.isEmpty() ? null : encode(MetricsRequestMarshaler.create(batch), encoding);
    }

    /** As {@link #logs}, the same records in every encoding (for comparing readers). */
    public Map<OtlpEncoding, byte[]> logsInEachEncoding() {
        return inEachEncoding(LogsRequestMarshaler.create(logRecords.drain()));
    }

    /** As {@link #traces}, the same spans in every encoding. */
    public Map<OtlpEncoding, byte[]> tracesInEachEncoding() {
        return inEachEncoding(TraceRequestMarshaler.create(spans.drain()));
    }

    /** As {@link #metrics}, the same points in every encoding. */
    public Map<OtlpEncoding, byte[]> metricsInEachEncoding() {
        return inEachEncoding(MetricsRequestMarshaler.create(reader.collect()));
    }

    private static Map<OtlpEncoding, byte[]> inEachEncoding(Marshaler m) {
        Map<OtlpEncoding, byte[]> out = new EnumMap<>(OtlpEncoding.class);
        for (OtlpEncoding e : OtlpEncoding.values()) out.put(e, encode(m, e));
        return out;
    }

    private static byte[] encode(Marshaler m, OtlpEncoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (encoding == OtlpEncoding.PROTO) m.writeBinaryTo(out);
            else m.writeJsonTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        loggers.close();
        tracers.close();
        meters.close();
    }

    /** What an exporter was handed since the last drain. */
    private static final class Exported<T> {
        private final List<T> items = new ArrayList<>();

        synchronized CompletableResultCode add(Collection<T> batch) {
            items.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        synchronized List<T> drain() {
            List<T> out = new ArrayList<>(items);
            items.clear();
            return out;
        }
    }

    /** Collects on demand, one temporality for every instrument. */
    private static final class OnDemandReader implements MetricReader {
        private final AggregationTemporality temporality;
        private final boolean exponentialHistograms;
        private volatile CollectionRegistration registration;

        OnDemandReader(AggregationTemporality temporality, boolean exponentialHistograms) {
            this.temporality = temporality;
            this.exponentialHistograms = exponentialHistograms;
        }

        @Override
        public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
            return exponentialHistograms && instrumentType == InstrumentType.HISTOGRAM
                    ? Aggregation.base2ExponentialBucketHistogram()
                    : Aggregation.defaultAggregation();
        }

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Collection<MetricData> collect() {
            return registration == null ? List.of() : registration.collectAllMetrics();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return temporality;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.IMMUTABLE_DATA;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
