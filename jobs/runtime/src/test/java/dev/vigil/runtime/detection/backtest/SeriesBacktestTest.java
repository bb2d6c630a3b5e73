package dev.vigil.runtime.detection.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.LikelihoodDetector;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

class SeriesBacktestTest {
    static final BaselineSettings SETTINGS = new BaselineSettings(
            20, 5, 300, 0.3, LikelihoodDetector.Direction.BOTH, VigilOptions.SeriesMethod.LIKELIHOOD, 0, 60);

    @Test
    void writesAScoreAndVerdictPerPointAndFlagsTheSpike() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        double[] values = {100, 102, 98, 101, 99, 100, 103, 97, 500, 100, 101};
        for (int i = 0; i < values.length; i++)
            csv.append(1_700_000_000_000L + i * 60_000L)
                    .append(',')
                    .append(values[i])
                    .append('\n');
        StringWriter out = new StringWriter();
        SeriesBacktest.Summary s =
                SeriesBacktest.run(new BufferedReader(new StringReader(csv.toString())), out, SETTINGS);
        assertThat(s.points).isEqualTo(11);
        assertThat(s.anomalies).isEqualTo(1);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(12);
        assertThat(lines[0]).isEqualTo("timestamp,value,anomaly_score,is_anomaly");
        assertThat(lines[1]).isEqualTo("1700000000000,100.0,0.000000,0");
        assertThat(lines[9]).startsWith("1700000480000,500.0,").endsWith(",1");
        assertThat(Double.parseDouble(lines[9].split(",")[2])).isGreaterThanOrEqualTo(0.3);
        assertThat(lines[10]).endsWith(",0");
    }

    @Test
    void acceptsTheCommonTimestampShapesAndNamesTheBadLine() throws Exception {
        for (String[] shape : new String[][] {
            {"2026-11-28T10:00:00Z", "2026-11-28T10:01:00Z"}, {"2014-04-10 07:15:00", "2014-04-10 07:20:00"},
            {"1700000000", "1700000060"}, {"1700000000000", "1700000060000"}
        }) {
            StringWriter out = new StringWriter();
            SeriesBacktest.run(
                    new BufferedReader(new StringReader("timestamp,value\n" + shape[0] + ",1\n" + shape[1] + ",2\n")),
                    out,
                    SETTINGS);
            assertThat(out.toString()).contains(shape[1] + ",2,0.000000,0");
        }
        assertThat(BacktestTimestamps.parse("1700000000", 1))
                .isEqualTo(BacktestTimestamps.parse("1700000000000", 1))
                .isEqualTo(BacktestTimestamps.parse("2023-11-14 22:13:20", 1));
        assertThatThrownBy(() -> SeriesBacktest.run(
                        new BufferedReader(new StringReader("1,1\n2,x\n")), new StringWriter(), SETTINGS))
                .hasMessage("line 2: value 'x' is not a number");
        assertThatThrownBy(() -> SeriesBacktest.run(
                        new BufferedReader(new StringReader("1,1\nyesterday,3\n")), new StringWriter(), SETTINGS))
                .hasMessage(
                        "line 2: timestamp 'yesterday' is none of epoch seconds, epoch millis, RFC 3339 or YYYY-MM-DD HH:MM:SS (UTC)");
    }

    @Test
    void readsTheCsvShapesOfCommonExports() throws Exception {
        String expected =
                "timestamp,value,anomaly_score,is_anomaly\n1700000000,5,0.000000,0\n1700000060,6,0.000000,0\n";
        for (String csv : new String[] {
            "timestamp,value\r\n\"1700000000\",\"5\"\r\n\r\n1700000060,6\r\n", // CRLF, quotes, a blank line
            "timestamp,value,is_anomaly\n1700000000,5,0\n1700000060,6,1\n", // a label column (Yahoo's layout)
            "value,Timestamp\n5,1700000000\n6,1700000060\n", // reversed, any case
            "host,time,value\na,1700000000,5\na,1700000060,6\n",
            "time,cpu\n1700000000,5\n1700000060,6\n", // two columns: the one that is not the timestamp is the value
            "timestamp;value\n1700000000;5\n1700000060;6\n", // a semicolon, as Excel exports where ',' is the decimal
            // mark
            "timestamp\tvalue\n1700000000\t5\n1700000060\t6\n" // tab-separated
        }) {
            StringWriter out = new StringWriter();
            SeriesBacktest.Summary s = SeriesBacktest.run(new StringReader(csv), out, SETTINGS);
            assertThat(out.toString()).as(csv).isEqualTo(expected);
            assertThat(s.points).isEqualTo(2);
        }
        StringWriter decimal = new StringWriter();
        SeriesBacktest.Summary d = SeriesBacktest.run(
                new StringReader("Zeit;Wert\n1700000000;5,25\n1700000060;\"6,5\"\n"), decimal, SETTINGS);
        assertThat(decimal.toString())
                .isEqualTo(
                        "timestamp,value,anomaly_score,is_anomaly\n1700000000,5.25,0.000000,0\n1700000060,6.5,0.000000,0\n");
        assertThat(d.columns)
                .isEqualTo(
                        "columns 'Zeit' (timestamp) and 'Wert' (value) of 2, separated by ';' (decimal commas read)");
        StringWriter out = new StringWriter();
        SeriesBacktest.Summary s = SeriesBacktest.run(new StringReader("time,cpu\n1700000000.25,5\n"), out, SETTINGS);
        assertThat(s.columns).isEqualTo("columns 'time' (timestamp) and 'cpu' (value) of 2");
        assertThat(BacktestTimestamps.parse("1700000000.25", 1)).isEqualTo(1_700_000_000_250L);
    }

    @Test
    void skipsAndCountsRowsWithoutAValue() throws Exception {
        StringWriter out = new StringWriter();
        SeriesBacktest.Summary s = SeriesBacktest.run(
                new StringReader("timestamp,value\n1,1\n2,\n3,NaN\n4,NA\n5,null\n6,2\n"), out, SETTINGS);
        assertThat(s.points).isEqualTo(2);
        assertThat(s.skipped).isEqualTo(4);
        assertThat(s.firstSkippedLine).isEqualTo(3);
        assertThat(out.toString())
                .isEqualTo("timestamp,value,anomaly_score,is_anomaly\n1,1,0.000000,0\n6,2,0.000000,0\n");
    }

    @Test
    void refusesWhatItCannotReadNamingTheLineAndTheFix() {
        String[][] cases = {
            {"1,1\n2,Infinity\n", "line 2: value 'Infinity' is not a number"},
            {"1,1\n2,0x1p3\n", "line 2: value '0x1p3' is not a number"},
            {"1,1\n2,1d\n", "line 2: value '1d' is not a number"},
            {"1,1\n2,1e400\n", "line 2: value '1e400' is beyond the range of a double"},
            {
                "1,1\n3,1\n2,1\n",
                "line 3: timestamp '2' is earlier than line 2's; the detector reads a series in time order, "
                        + "so sort the file by time"
            },
            {
                "1,1,0\n",
                "line 1: 3 columns without a header; give the file a header naming the 'timestamp' and 'value' columns"
            },
            {"host,ts,cpu\n", "line 1: header [host, ts, cpu] names no value column; name it 'value'"},
            {"timestamp,value\n1,1\n2\n", "line 3: 1 column(s) where the first line has 2"},
            {
                "timestamp,value\n1,1\n\"2,1\n3,1\n",
                "not CSV: (startline 3) EOF reached before encapsulated token finished"
            }
        };
        for (String[] c : cases)
            assertThatThrownBy(() -> SeriesBacktest.run(new StringReader(c[0]), new StringWriter(), SETTINGS))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(c[1]);
    }

    /** The answer of Prometheus' range query API as its documentation shows it, with the samples that are no number. */
    @Test
    void readsAPrometheusRangeQuerysAnswer() throws Exception {
        String answer = """
                {
                   "status" : "success",
                   "data" : {
                      "resultType" : "matrix",
                      "result" : [
                         {
                            "metric" : { "__name__" : "up", "job" : "prometheus", "instance" : "localhost:9090" },
                            "values" : [
                               [ 1435781430.781, "1" ],
                               [ 1435781445.781, "NaN" ],
                               [ 1435781460, "0.5" ],
                               [ 1435781475.781, "+Inf" ],
                               [ 1435781490.781, "1e3" ]
                            ]
                         }
                      ]
                   }
                }""";
        StringWriter out = new StringWriter();
        SeriesBacktest.Summary s = SeriesBacktest.runPrometheus(new StringReader(answer), out, SETTINGS);
        assertThat(s.points).isEqualTo(3);
        assertThat(s.skipped).isEqualTo(2);
        assertThat(s.firstSkippedLine).isEqualTo(2);
        assertThat(s.columns)
                .isEqualTo(
                        "Prometheus series {\"__name__\":\"up\",\"job\":\"prometheus\",\"instance\":\"localhost:9090\"}");
        assertThat(out.toString().lines().map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))))
                .containsExactly("timestamp,value", "1435781430.781,1", "1435781460,0.5", "1435781490.781,1e3");
    }

    @Test
    void refusesAPrometheusAnswerItCannotScoreWithTheFix() {
        String matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[%s]}}";
        String series = "{\"metric\":{\"pod\":\"%s\"},\"values\":[[1,\"1\"]]}";
        String[][] cases = {
            {
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\"\"}",
                "Prometheus answered with an error (bad_data): invalid parameter \"query\""
            },
            {
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
                "an instant query's answer (resultType vector) has one point per series; ask /api/v1/query_range with start, "
                        + "end and step for a series"
            },
            {
                String.format(matrix, String.format(series, "a") + "," + String.format(series, "b")),
                "the answer holds 2 series: {\"pod\":\"a\"}, {\"pod\":\"b\"}; the detector reads one, so narrow the query "
                        + "to one (label matchers, or sum(...) to add them up)"
            },
            {
                String.format(matrix, ""),
                "the answer holds 0 series; the detector reads one, so narrow the query to one (label matchers, or sum(...) "
                        + "to add them up)"
            },
            {
                String.format(matrix, "{\"metric\":{},\"histograms\":[[1,{\"count\":\"2\"}]]}"),
                "the series holds native histograms; query a number of them instead, such as histogram_quantile(0.95, ...)"
            },
            {
                String.format(matrix, "{\"metric\":{},\"values\":[[1,\"1\"],[\"2\",\"1\"]]}"),
                "point 2: [\"2\",\"1\"] is not [seconds, \"value\"]"
            },
            {
                String.format(matrix, "{\"metric\":{},\"values\":[[2,\"1\"],[1,\"1\"]]}"),
                "point 2: timestamp '1' is earlier than point 1's; the detector reads a series in time order, so sort the "
                        + "file by time"
            },
            {
                "timestamp,value\n1,1\n",
                "not JSON: Unrecognized token 'timestamp': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')"
            }
        };
        for (String[] c : cases)
            assertThatThrownBy(() -> SeriesBacktest.runPrometheus(new StringReader(c[0]), new StringWriter(), SETTINGS))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(c[1]);
    }

    /** As the command opens it: a byte-order mark dropped, a byte that is not UTF-8 read as U+FFFD. */
    @Test
    void theInputFileMayStartWithAByteOrderMarkAndHoldBytesThatAreNotUtf8() throws Exception {
        Path f = Files.createTempFile("series", ".csv");
        try {
            byte[] header = "\uFEFFtimestamp,value,temp\u00e9rature\n".getBytes(StandardCharsets.UTF_8);
            header[header.length - 8] = (byte) 0xE9; // é as Latin-1 writes it
            Files.write(f, header);
            Files.writeString(f, "1700000000,5,1\n", StandardOpenOption.APPEND);
            StringWriter out = new StringWriter();
            try (BufferedReader in =
                    BacktestArgs.parse(new String[] {f.toString()}, "").openInput()) {
                SeriesBacktest.Summary s = SeriesBacktest.run(in, out, SETTINGS);
                assertThat(s.columns).isEqualTo("columns 'timestamp' (timestamp) and 'value' (value) of 3");
            }
            assertThat(out.toString()).endsWith("\n1700000000,5,0.000000,0\n");
        } finally {
            Files.delete(f);
        }
    }

    /** A rotated, gzipped export is read as it is; its kind comes from the name before {@code .gz}. */
    @Test
    void readsAGzippedInput() throws Exception {
        Path f = Files.createTempFile("series", ".csv.gz");
        try {
            try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
                gz.write("timestamp,value\n1700000000,5\n1700000060,6\n".getBytes(StandardCharsets.UTF_8));
            }
            StringWriter out = new StringWriter();
            try (BufferedReader in =
                    BacktestArgs.parse(new String[] {f.toString()}, "").openInput()) {
                assertThat(SeriesBacktest.run(in, out, SETTINGS).points).isEqualTo(2);
            }
            assertThat(out.toString()).endsWith("\n1700000060,6,0.000000,0\n");
            assertThat(BacktestArgs.kindName("/x/Answer.JSON.gz")).isEqualTo("/x/answer.json");
            assertThat(BacktestArgs.kindName("errors.jsonl")).isEqualTo("errors.jsonl");
        } finally {
            Files.delete(f);
        }
    }
}
