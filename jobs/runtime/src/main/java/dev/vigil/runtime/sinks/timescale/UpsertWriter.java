package dev.vigil.runtime.sinks.timescale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.runtime.accounting.SinkRejections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One subtask's writer of an {@link UpsertSink}: buffers rows, writes them in one transaction per batch. */
final class UpsertWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(UpsertWriter.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final UpsertSink<T> sink;
    private final ProcessingTimeService time;
    private final SinkRejections.Publisher rejections;
    private final Counter rowsWritten;
    private final List<T> buffer = new ArrayList<>();
    private final HashMap<Object, Integer> positionOfKey = new HashMap<>();
    private final List<T> lastPerKey = new ArrayList<>();
    private Connection connection;
    private PreparedStatement statement;
    private long lastFlush;

    UpsertWriter(UpsertSink<T> sink, ProcessingTimeService time, SinkWriterMetricGroup metrics, String jobName)
            throws IOException {
        this.sink = sink;
        this.time = time;
        this.rejections = sink.rejections.open(jobName.startsWith("vigil-") ? jobName.substring(6) : jobName, metrics);
        this.rowsWritten = metrics.getNumRecordsSendCounter();
        this.lastFlush = time.getCurrentProcessingTime();
        scheduleFlush();
    }

    @Override
    public void write(T row, Context context) throws IOException {
        buffer.add(row);
        if (buffer.size() >= sink.settings.batchSize) flushBuffer();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        flushBuffer();
        rejections.flush();
    }

    private void scheduleFlush() {
        time.registerTimer(time.getCurrentProcessingTime() + sink.settings.flushIntervalMs, now -> {
            if (now - lastFlush >= sink.settings.flushIntervalMs) flushBuffer();
            scheduleFlush();
        });
    }

    /**
     * Writes the buffer. A connection problem (or any error that is not about a row's content) is
     * retried with exponential backoff on a new connection; when the retries run out the job fails and
     * restarts from its checkpoint, so nothing is dropped.
     */
    private void flushBuffer() throws IOException {
        lastFlush = time.getCurrentProcessingTime();
        if (buffer.isEmpty()) return;
        for (int attempt = 0; ; attempt++) {
            try {
                if (statement == null) connect();
                List<T> rows = lastPerKey();
                writeIsolatingBadRows(rows);
                rowsWritten.inc(rows.size());
                buffer.clear();
                return;
            } catch (SQLException e) {
                closeQuietly();
                if (attempt >= sink.settings.maxRetries) {
                    throw new IOException(
                            "writing " + buffer.size() + " rows to " + sink.table + " failed after " + (attempt + 1)
                                    + " attempts (SQLSTATE " + e.getSQLState() + ")",
                            e);
                }
                long backoff = sink.settings.retryBackoffMs << Math.min(attempt, 16);
                LOG.warn(
                        "writing to {} failed (SQLSTATE {}); attempt {} of {} in {} ms",
                        sink.table,
                        e.getSQLState(),
                        attempt + 2,
                        sink.settings.maxRetries + 1,
                        backoff);
                sleep(backoff);
            }
        }
    }

    /**
     * The buffer with only the last row per natural key (a window that fired again for late data
     * replaces its earlier row), each at its key's first position: what writing them one by one would
     * leave in the table, in one multi-row statement, which PostgreSQL refuses when it holds a key twice.
     */
    private List<T> lastPerKey() {
        positionOfKey.clear();
        lastPerKey.clear();
        for (T row : buffer) {
            Integer at = positionOfKey.putIfAbsent(sink.key.key(row), lastPerKey.size());
            if (at == null) lastPerKey.add(row);
            else lastPerKey.set(at, row);
        }
        return lastPerKey;
    }

    /**
     * Writes the rows in one transaction; when the database refuses one for its content, halves the rows
     * until that one is alone. Should a statement still meet one key twice (a {@link RowKey} with a
     * column more than the table's conflict target), it is halved too, in order, so the later row wins.
     */
    private void writeIsolatingBadRows(List<T> rows) throws SQLException {
        try {
            execute(rows);
        } catch (SQLException e) {
            if (duplicateKeys(e) && rows.size() > 1) {
                int mid = rows.size() / 2;
                writeIsolatingBadRows(rows.subList(0, mid));
                writeIsolatingBadRows(rows.subList(mid, rows.size()));
                return;
            }
            SQLException content = contentError(e);
            if (content == null) throw e;
            if (rows.size() == 1) {
                rejections.reject(
                        describe(rows.get(0)),
                        "SQLSTATE " + content.getSQLState() + " " + firstLine(String.valueOf(content.getMessage())));
                return;
            }
            int mid = rows.size() / 2;
            writeIsolatingBadRows(rows.subList(0, mid));
            writeIsolatingBadRows(rows.subList(mid, rows.size()));
        }
    }

    private void execute(List<T> rows) throws SQLException {
        try {
            for (T row : rows) {
                sink.binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            try {
                statement.clearBatch();
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: the caller reconnects
            }
            throw e;
        }
    }

    /** "ON CONFLICT DO UPDATE command cannot affect row a second time" (cardinality violation, 21000). */
    static boolean duplicateKeys(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("21000".equals(x.getSQLState())) return true;
        }
        return false;
    }

    /**
     * Data exceptions (class 22: a NUL byte, a value out of range), integrity violations (23) and
     * program limits (54: an index row too large) are about the row; anything else is about the
     * connection or the database and is retried. Returns the one of the chain that says so, or null.
     */
    static SQLException contentError(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) return x;
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The refused row as JSON: its table and its statement parameters in order (read back from the binder; error path only). */
    private byte[] describe(T row) {
        TreeMap<Integer, Object> parameters = new TreeMap<>();
        PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("set")
                            && args != null
                            && args.length >= 2
                            && args[0] instanceof Integer) {
                        parameters.put((Integer) args[0], method.getName().equals("setNull") ? null : args[1]);
                    }
                    return null;
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            sink.binder.bind(recorder, row);
            g.writeStartObject();
            g.writeStringField("table", sink.table);
            g.writeArrayFieldStart("parameters");
            for (Object v : parameters.values()) {
                if (v == null) g.writeNull();
                else if (v instanceof Number || v instanceof Boolean) g.writeRawValue(v.toString());
                else if (v instanceof byte[]) g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
                else g.writeString(v.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException | SQLException e) {
            return ("{\"table\":\"" + sink.table + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return out.toByteArray();
    }

    private void connect() throws SQLException {
        connection = sink.connection.open();
        statement = connection.prepareStatement(sink.sql);
    }

    private void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
        statement = null;
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() throws Exception {
        closeQuietly();
        rejections.close();
    }
}
