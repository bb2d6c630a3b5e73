package dev.vigil.tests.reliability;

import dev.vigil.tests.stack.FlinkRest;

/** Samples the TaskManager's heap every half second while a test runs; keeps the peak. */
final class HeapSampler implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long max;

    HeapSampler(FlinkRest flink) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    long[] heap = flink.taskManagerHeap();
                    peakUsed = Math.max(peakUsed, heap[0]);
                    max = heap[1];
                } catch (RuntimeException e) {
                    // a TaskManager restarting or not registered yet
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakUsedMb() { return peakUsed >> 20; }
    long maxMb() { return max >> 20; }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
