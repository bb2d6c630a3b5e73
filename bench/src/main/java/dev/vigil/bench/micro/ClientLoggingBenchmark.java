package dev.vigil.bench.micro;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Publisher;
import dev.vigil.client.log4j2.VigilAppender;
import dev.vigil.workload.Log4jLoggers;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.appender.NullAppender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a log call costs the application thread with Vigil's log4j2 appender, against the same call into log4j2's
 * NullAppender (the framework's own event and dispatch): ns per call, and bytes the calling thread allocates per
 * call and CPU ns per call (its own counters, so the publisher thread's JSON does not count; with more threads than
 * cores the JMH score, wall time per call, also holds the time a thread waits for a core). Each invocation is a batch of
 * {@value #CALLS} calls into a queue large enough for all of them: every call takes the accept path (the teardown
 * fails the run if one was dropped), while the publisher thread drains the queue into a discarding producer.
 * Run with {@code -t 1} and {@code -t 8}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
public class ClientLoggingBenchmark {
    static final int CALLS = 200_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Publisher publisher;
    private Logger vigil;
    private Logger nullAppender;
    private final AtomicLong appBytes = new AtomicLong();
    private final AtomicLong appCpuNanos = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    @Setup
    public void setUp() {
        ClientSettings settings = ClientSettings.builder()
                .service("checkout")
                .environment("prod")
                .bootstrapServers("unused:9092")
                .queueCapacity(8 * CALLS + 1)
                .overflow(Overflow.DROP)
                .build();
        publisher = new Publisher(settings, System.err::println, new DiscardingProducer());
        vigil = Log4jLoggers.writingOnlyTo("bench.vigil", VigilAppender.of("vigil", publisher));
        nullAppender = Log4jLoggers.writingOnlyTo("bench.null", NullAppender.createAppender("null"));
        ThreadContext.put("correlation_id", "req-3f9a2c");
        ThreadContext.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        ThreadContext.put("span_id", "00f067aa0ba902b7");
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void drained() throws InterruptedException {
        while (publisher.queued() > 0) Thread.sleep(10);
        if (publisher.dropped() > 0) throw new IllegalStateException(publisher.dropped() + " calls were dropped");
    }

    @TearDown
    public void report() {
        if (calls.get() > 0) {
            System.out.printf(
                    "%napplication thread per call: %.1f bytes allocated, %.0f ns CPU (%d calls)%n",
                    (double) appBytes.get() / calls.get(), (double) appCpuNanos.get() / calls.get(), calls.get());
        }
        publisher.close();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void vigilAppender() {
        calls(vigil);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void nullAppender() {
        calls(nullAppender);
    }

    private void calls(Logger logger) {
        // ThreadContext is per thread: each benchmark thread carries a request's IDs
        if (ThreadContext.get("correlation_id") == null) ThreadContext.put("correlation_id", "req-3f9a2c");
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) logger.info("cart {} loaded in {} ms", "c-9", 42);
        appCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
        appBytes.addAndGet(THREADS.getThreadAllocatedBytes(thread) - before);
        calls.addAndGet(CALLS);
    }

    /** Kafka's in-memory producer, keeping nothing: the bench measures the application side, not a broker. */
    private static final class DiscardingProducer extends MockProducer<byte[], byte[]> {
        private static final RecordMetadata DONE = new RecordMetadata(new TopicPartition("t", 0), 0, 0, 0, 0, 0);

        DiscardingProducer() {
            super(true, null, null);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (callback != null) callback.onCompletion(DONE, null);
            return CompletableFuture.completedFuture(DONE);
        }
    }
}
