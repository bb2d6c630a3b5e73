package dev.vigil.jobs.metrics.functions;

import dev.vigil.schema.rows.SeriesRow;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Fills the window and series of a row from a {@link SeriesKey} key. */
final class SeriesRows {
    private SeriesRows() {}

    static <R extends SeriesRow> R fill(R row, String seriesKey, TimeWindow window) {
        String[] k = seriesKey.split("\u0001", -1);
        row.bucket = window.getStart();
        row.windowSeconds = (int) ((window.getEnd() - window.getStart()) / 1000);
        row.service = k[0];
        row.operation = k[1];
        row.name = k[2];
        row.tags = k[3];
        return row;
    }
}
