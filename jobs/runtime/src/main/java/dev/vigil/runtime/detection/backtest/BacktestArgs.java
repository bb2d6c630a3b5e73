package dev.vigil.runtime.detection.backtest;

import dev.vigil.runtime.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** A backtest's arguments: INPUT [OUTPUT] positionally, then the usual {@code --config}/{@code --set}. */
public final class BacktestArgs {
    public final String input;
    public final String output;
    public final String[] configArgs;

    private BacktestArgs(String input, String output, String[] configArgs) {
        this.input = input;
        this.output = output;
        this.configArgs = configArgs;
    }

    public static BacktestArgs parse(String[] args, String usage) {
        List<String> positional = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                rest.add(args[i]);
                if (i + 1 < args.length) rest.add(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) throw new ConfigException("usage: " + usage);
        return new BacktestArgs(
                positional.get(0), positional.size() == 2 ? positional.get(1) : null, rest.toArray(new String[0]));
    }

    /** The input's name in lower case without {@code .gz}: what its kind is read from ({@code errors.jsonl.gz}). */
    public static String kindName(String input) {
        String name = input.toLowerCase(Locale.ROOT);
        return compressed(name) ? name.substring(0, name.length() - 3) : name;
    }

    private static boolean compressed(String input) {
        return input.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * The input as UTF-8 text, gunzipped when its name ends in {@code .gz} (a rotated log). A byte that is not UTF-8 (a Latin-1 export, a binary fragment in a log) reads as U+FFFD
     * instead of stopping the run with a decoder's exception; a leading byte-order mark is dropped.
     */
    public BufferedReader openInput() throws IOException {
        InputStream bytes = Files.newInputStream(Path.of(input));
        if (compressed(input)) bytes = new GZIPInputStream(bytes, 1 << 16);
        BufferedReader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16);
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset();
        return in;
    }
}
