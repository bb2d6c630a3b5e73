package dev.vigil.jobs.metrics.functions;

/** The increase of a counter between two totals of one instance. */
public class CounterDelta {
    public Series series;
    public long timestamp;
    public double delta;
    public boolean reset;

    public CounterDelta() {}
}
