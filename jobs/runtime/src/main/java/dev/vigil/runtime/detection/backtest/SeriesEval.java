package dev.vigil.runtime.detection.backtest;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@link SeriesBacktest} with the shipped defaults ({@code detection.baseline.*}) over every CSV
 * under a folder, one result per input under the same relative path: the layout NAB's scorer reads.
 * Used by {@code ./vigil eval}; one configuration for every series, each scored from its first row. Settings after
 * the folders ({@code key=value}) override the defaults, so the other method can be compared.
 */
public final class SeriesEval {
    private SeriesEval() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SeriesEval DATA_DIR OUT_DIR [key=value ...]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        BaselineSettings settings =
                BaselineSettings.from(VigilConfig.load("", List.of(args).subList(2, args.length), Map.of()));
        System.out.println(SeriesBacktest.describe(settings));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            Path o = out.resolve(in.relativize(f).toString());
            Files.createDirectories(o.getParent());
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                    Writer w = Files.newBufferedWriter(o, StandardCharsets.UTF_8)) {
                SeriesBacktest.run(r, w, settings);
            }
        }
        System.out.println(files.size() + " series scored into " + out);
    }
}
