package dev.vigil.runtime.sinks.archive;

import dev.vigil.schema.event.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Hive-style partitions by event time: {@code type=agent_log/dt=2026-11-28/hour=10}. */
public class HivePartitionAssigner implements BucketAssigner<Event, String> {
    @Override
    public String getBucketId(Event e, Context context) {
        ZonedDateTime t = Instant.ofEpochMilli(e.timestamp).atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(40);
        sb.append("type=")
                .append(e.type.wireName())
                .append("/dt=")
                .append(t.getYear())
                .append('-');
        pad(sb, t.getMonthValue());
        sb.append('-');
        pad(sb, t.getDayOfMonth());
        sb.append("/hour=");
        pad(sb, t.getHour());
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
