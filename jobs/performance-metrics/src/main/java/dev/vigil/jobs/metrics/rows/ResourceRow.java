package dev.vigil.jobs.metrics.rows;

/** Resource usage of one instance over one window (table {@code metric_resources_base}); null where not reported. */
public class ResourceRow {
    public long bucket;
    public int windowSeconds;
    public String service;
    public String instance;
    public long samples;
    public Double cpuPercentAvg;
    public Double cpuPercentMax;
    public Double memoryBytesMax;
    public Double gpuPercentAvg;
    public Double queueDepthMax;

    public ResourceRow() {}
}
