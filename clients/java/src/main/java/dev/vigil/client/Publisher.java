package dev.vigil.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * Hands events from application threads to Kafka without making them wait: a bounded queue, drained by one
 * daemon thread that writes the JSON ({@link ContractJson}) and sends it with an idempotent producer, keyed by
 * correlation ID so a request's events stay in order on one partition. When the queue is full an event is dropped
 * and counted ({@link Overflow#DROP}, one warning per minute at most) or the caller waits ({@link Overflow#BLOCK}).
 * {@link #close()} sends what is queued, within {@code closeTimeout}, and counts what it could not.
 *
 * <p>A service's appenders and its {@link Vigil} API configured alike share one publisher ({@link #shared}): one
 * thread, one queue and one Kafka producer (with its connections and batches) instead of one each, as Kafka advises
 * for a producer's many threads.
 */
public final class Publisher implements AutoCloseable {
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int BATCH = 256;
    /** How long the idle publisher thread sleeps between looks at the queue (the callers never wake it). */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long a caller under {@link Overflow#BLOCK} sleeps between tries. */
    private static final long FULL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** The open publishers {@link #shared} made, by {@link ClientSettings#sharingKey}; its lock guards {@link #users}. */
    private static final Map<List<Object>, Publisher> SHARED = new HashMap<>();

    private final ClientSettings settings;
    /**
     * JCTools' multi-producer single-consumer array queue: an offer is one CAS, no lock for the application threads
     * to contend on (an ArrayBlockingQueue's lock made a log call at 8 threads several times dearer; see
     * ClientLoggingBenchmark). Its capacity is the next power of two of {@code queueCapacity}.
     */
    private final MpscArrayQueue<ContractEvent> queue;

    private final Producer<byte[], byte[]> producer;
    private final ContractJson json;
    private final Consumer<String> warnings;
    private final Thread thread;
    private final List<Runnable> periodic = new ArrayList<>();

    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile boolean closing;
    /** Set when close() stops waiting: the publisher thread counts what it still holds as failed and ends. */
    private volatile boolean abandoned;
    /** Users that have not closed it yet: {@link #shared} adds one, {@link #close()} takes one away. */
    private int users = 1;

    /**
     * @param warnings where the publisher's own warnings go: the logging framework's status channel, never its
     *     ordinary loggers (a warning logged through the appender that raised it would loop)
     */
    public Publisher(ClientSettings settings, Consumer<String> warnings) {
        this(
                settings,
                warnings,
                new KafkaProducer<>(settings.kafka, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** Publishes through a producer the service already has (its Kafka settings in {@code settings} then unused). */
    public Publisher(ClientSettings settings, Consumer<String> warnings, Producer<byte[], byte[]> producer) {
        this.settings = settings;
        this.queue = new MpscArrayQueue<>(settings.queueCapacity);
        this.producer = producer;
        this.json = new ContractJson(settings);
        this.warnings = warnings;
        this.thread = new Thread(this::run, "vigil-publisher-" + settings.service);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The publisher of settings like {@code settings} that is still open, or a new one (its warnings go to
     * {@code warnings}; a shared one keeps those of the user that started it). Each call must be paired with one
     * {@link #close()}: the last one closes it.
     */
    public static Publisher shared(ClientSettings settings, Consumer<String> warnings) {
        synchronized (SHARED) {
            Publisher p = SHARED.get(settings.sharingKey);
            if (p != null) {
                p.users++;
                return p;
            }
            p = new Publisher(settings, warnings);
            SHARED.put(settings.sharingKey, p);
            return p;
        }
    }

    /**
     * Queues an event; never blocks under {@link Overflow#DROP}. False when it was dropped (queue full, or the
     * publisher closed).
     */
    public boolean publish(ContractEvent event) {
        if (closing) {
            dropped.increment();
            return false;
        }
        if (queue.offer(event)) {
            accepted.increment();
            return true;
        }
        if (settings.overflow == Overflow.BLOCK) {
            while (!closing && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(FULL_NANOS);
                if (queue.offer(event)) {
                    accepted.increment();
                    return true;
                }
            }
        }
        dropped.increment();
        warnAtMostOncePerMinute("queue full (" + queue.capacity() + " events): events are being dropped, "
                + dropped.sum() + " so far. Kafka may be down or slow; see the vigil-client metrics");
        return false;
    }

    /** Runs {@code task} on the publisher thread every {@code metricInterval} (counter and gauge reports). */
    void every(Runnable task) {
        synchronized (periodic) {
            periodic.add(task);
        }
    }

    /** Events queued since start. */
    public long accepted() {
        return accepted.sum();
    }

    /** Events dropped because the queue was full or the publisher closed. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events Kafka acknowledged. */
    public long sent() {
        return sent.get();
    }

    /** Events Kafka refused after the producer's own retries (or that close could not send in time). */
    public long failed() {
        return failed.get();
    }

    /** Events waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<ContractEvent> batch = new ArrayList<>(BATCH);
        MessagePassingQueue.Consumer<ContractEvent> take = batch::add;
        long intervalNanos = settings.metricInterval.toNanos();
        long nextReport = System.nanoTime() + intervalNanos;
        while (true) {
            if (abandoned) {
                failed.addAndGet(queue.drain(e -> {}));
                return;
            }
            if (queue.drain(take, BATCH) == 0) {
                if (closing) return;
                LockSupport.parkNanos(IDLE_NANOS);
                if (Thread.interrupted()) return;
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    if (abandoned) {
                        failed.addAndGet(batch.size() - i);
                        break;
                    }
                    try {
                        send(batch.get(i));
                    } catch (RuntimeException ex) {
                        // refused before the producer buffered it (no metadata within max.block.ms, too large)
                        failed.incrementAndGet();
                        warnAtMostOncePerMinute(
                                "cannot send to Kafka: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                    }
                }
                batch.clear();
            }
            if (System.nanoTime() - nextReport >= 0) {
                nextReport += intervalNanos;
                report();
            }
        }
    }

    private void report() {
        List<Runnable> tasks;
        synchronized (periodic) {
            tasks = new ArrayList<>(periodic);
        }
        for (Runnable t : tasks) {
            try {
                t.run();
            } catch (RuntimeException e) {
                warnAtMostOncePerMinute("a metric report failed: " + e);
            }
        }
    }

    /** Writes and sends one event; from the publisher thread only (the JSON writer is not thread-safe). */
    void send(ContractEvent e) {
        byte[] key = e.correlationId == null ? null : e.correlationId.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record;
        if (e instanceof RelayedRecord) {
            RelayedRecord r = (RelayedRecord) e;
            record = new ProducerRecord<>(r.topic, key, r.value);
        } else {
            record = new ProducerRecord<>(settings.topic(e.type()), key, json.write(e));
        }
        producer.send(record, (meta, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                warnAtMostOncePerMinute(
                        "Kafka refused an event: " + error.getClass().getSimpleName() + ": " + error.getMessage());
            }
        });
    }

    private void warnAtMostOncePerMinute(String message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            warnings.accept("vigil-client: " + message);
        }
    }

    /**
     * Sends what is queued (within {@code closeTimeout}), then closes the producer; of a shared publisher, only once
     * its last user closes it (before that, this user's close does nothing). Idempotent once closed.
     */
    @Override
    public void close() {
        synchronized (SHARED) {
            if (closing || --users > 0) return;
            SHARED.remove(settings.sharingKey, this);
            closing = true;
        }
        LockSupport.unpark(thread);
        long deadline = System.nanoTime() + settings.closeTimeout.toNanos();
        try {
            thread.join(Math.max(1, settings.closeTimeout.toMillis()));
            if (thread.isAlive()) {
                // Kafka did not take the queue in time: the thread counts what it holds and ends (an interrupted
                // send fails at once)
                abandoned = true;
                thread.interrupt();
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a publish that raced with closing
        int left = queue.drain(e -> {});
        failed.addAndGet(left);
        long unsent = failed.get();
        if (abandoned || left > 0) {
            warnings.accept("vigil-client: closed with events unsent (Kafka did not take them within "
                    + settings.closeTimeout + "); " + unsent + " failed in all");
        }
        long remaining = Math.max(0, deadline - System.nanoTime());
        producer.close(java.time.Duration.ofNanos(remaining));
    }
}
