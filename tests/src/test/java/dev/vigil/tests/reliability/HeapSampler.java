package dev.vigil.tests.reliability;

import dev.vigil.tests.stack.FlinkRest;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples the TaskManager's heap every half second while a test runs: the peak used (garbage
 * included, so it is an upper bound) and how many full collections ran (a heap near its limit
 * shows up as full GCs before it shows up as an OutOfMemoryError).
 */
final class HeapSampler implements AutoCloseable {
    private final Thread thread;
    private final Map<String, long[]> fullGcsByTaskManager = new HashMap<>();
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long max;

    HeapSampler(FlinkRest flink) {
        thread = new Thread(
                () -> {
                    while (running) {
                        try {
                            FlinkRest.TaskManagerHeap heap = flink.taskManagerHeap();
                            peakUsed = Math.max(peakUsed, heap.used());
                            max = heap.max();
                            synchronized (fullGcsByTaskManager) {
                                long[] firstAndLast = fullGcsByTaskManager.computeIfAbsent(
                                        heap.taskManager(), k -> new long[] {heap.fullGcs(), 0});
                                firstAndLast[1] = heap.fullGcs();
                            }
                        } catch (RuntimeException e) {
                            // a TaskManager restarting or not registered yet
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakUsedMb() {
        return peakUsed >> 20;
    }

    long maxMb() {
        return max >> 20;
    }

    /** Full collections during the sampling, over every TaskManager seen. */
    long fullGcs() {
        synchronized (fullGcsByTaskManager) {
            return fullGcsByTaskManager.values().stream()
                    .mapToLong(c -> c[1] - c[0])
                    .sum();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
