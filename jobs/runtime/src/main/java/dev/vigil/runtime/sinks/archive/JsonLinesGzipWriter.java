package dev.vigil.runtime.sinks.archive;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/** One masked event per line, gzip-compressed: a part file is one gzip stream, readable by zcat, Athena or Spark. */
public class JsonLinesGzipWriter implements BulkWriter<Event> {
    private final GZIPOutputStream gzip;

    JsonLinesGzipWriter(FSDataOutputStream out) throws IOException {
        this.gzip = new GZIPOutputStream(out, 64 * 1024, true);
    }

    @Override
    public void addElement(Event e) throws IOException {
        gzip.write(EventJson.toBytes(e));
        gzip.write('\n');
    }

    @Override
    public void flush() throws IOException {
        gzip.flush();
    }

    @Override
    public void finish() throws IOException {
        gzip.finish(); // the sink owns and closes the underlying stream
    }

    /** The factory FileSink needs. */
    public static BulkWriter.Factory<Event> factory() {
        return JsonLinesGzipWriter::new;
    }
}
