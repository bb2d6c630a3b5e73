package dev.vigil.tests.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.Type;

/** Reads a Parquet file from memory (as downloaded from S3), row by row, with the Parquet library itself. */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** Each row as "column=value" pairs separated by newlines; absent (null) columns are left out. */
    public static List<String> rows(byte[] file) throws IOException {
        List<String> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new MemoryInputFile(file)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.withConf(new Configuration(false)).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < g.getType().getFieldCount(); i++) {
                    if (g.getFieldRepetitionCount(i) == 0) continue;
                    Type t = g.getType().getType(i);
                    sb.append(t.getName())
                            .append('=')
                            .append(g.getValueToString(i, 0))
                            .append('\n');
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    private static final class MemoryInputFile implements InputFile {
        private final byte[] data;

        MemoryInputFile(byte[] data) {
            this.data = data;
        }

        @Override
        public long getLength() {
            return data.length;
        }

        @Override
        public SeekableInputStream newStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(data);
            return new DelegatingSeekableInputStream(in) {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void seek(long newPos) {
                    in.reset();
                    in.skip(newPos);
                    pos = newPos;
                }

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) pos++;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) pos += n;
                    return n;
                }

                @Override
                public void readFully(byte[] bytes, int start, int len) throws IOException {
                    super.readFully(bytes, start, len);
                    pos += len;
                }

                @Override
                public int read(ByteBuffer buf) throws IOException {
                    int n = super.read(buf);
                    if (n > 0) pos += n;
                    return n;
                }

                @Override
                public void readFully(ByteBuffer buf) throws IOException {
                    int n = buf.remaining();
                    super.readFully(buf);
                    pos += n;
                }
            };
        }
    }
}
