package dev.vigil.schema.event;

import java.util.Objects;

/** Resource readings of one instance, carried by a performance metric. */
public class ResourceUsage {
    /** CPU in use, percent of one core times cores (0..100 * cores). */
    public Double cpuPercent;

    public Double memoryBytes;
    public Double gpuPercent;
    public Double queueDepth;

    public ResourceUsage() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ResourceUsage)) return false;
        ResourceUsage r = (ResourceUsage) o;
        return Objects.equals(cpuPercent, r.cpuPercent)
                && Objects.equals(memoryBytes, r.memoryBytes)
                && Objects.equals(gpuPercent, r.gpuPercent)
                && Objects.equals(queueDepth, r.queueDepth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpuPercent, memoryBytes, gpuPercent, queueDepth);
    }
}
