package dev.vigil.runtime.detection.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.detection.baseline.BaselineSettings;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SeriesBacktestTest {
    static final BaselineSettings SETTINGS = new BaselineSettings(20, 5, 0.1, 3.5, false);

    @Test
    void writesAScoreAndVerdictPerPointAndFlagsTheSpike() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        double[] values = {100, 102, 98, 101, 99, 100, 103, 97, 500, 100, 101};
        for (int i = 0; i < values.length; i++) csv.append(1_700_000_000_000L + i * 60_000L).append(',').append(values[i]).append('\n');
        StringWriter out = new StringWriter();
        SeriesBacktest.Summary s = SeriesBacktest.run(new BufferedReader(new StringReader(csv.toString())), out, SETTINGS);
        assertThat(s.points).isEqualTo(11);
        assertThat(s.anomalies).isEqualTo(1);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(12);
        assertThat(lines[0]).isEqualTo("timestamp,value,score,is_anomaly");
        assertThat(lines[1]).isEqualTo("1700000000000,100.0,0.0000,false");
        assertThat(lines[9]).startsWith("1700000480000,500.0,0.98").endsWith(",true");
        assertThat(lines[10]).endsWith(",false");
    }

    @Test
    void acceptsRfc3339TimestampsAndNamesTheBadLine() throws Exception {
        StringWriter out = new StringWriter();
        SeriesBacktest.run(new BufferedReader(new StringReader("2026-11-28T10:00:00Z,1\n2026-11-28T10:01:00Z,2\n")), out, SETTINGS);
        assertThat(out.toString()).contains("2026-11-28T10:01:00Z,2,0.0000,false");
        assertThatThrownBy(() -> SeriesBacktest.run(new BufferedReader(new StringReader("1,1\n2,x\n")), new StringWriter(), SETTINGS))
                .hasMessage("line 2: value 'x' is not a number");
        assertThatThrownBy(() -> SeriesBacktest.run(new BufferedReader(new StringReader("1,1\nyesterday,3\n")), new StringWriter(), SETTINGS))
                .hasMessage("line 2: timestamp 'yesterday' is neither epoch millis nor RFC 3339");
    }
}
