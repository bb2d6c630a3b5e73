package dev.vigil.hotapi;

import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./vigil hot-api}: serves the read API on 127.0.0.1 (by default) until stopped. Redis comes from the
 * Vigil config as for the jobs; the token from a file ({@code --token-file}), never an argument.
 */
public final class HotApiMain {
    private HotApiMain() {}

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8088;
        String tokenFile = null;
        List<String> configArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--token-file" -> tokenFile = args[++i];
                case "--config", "--set" -> {
                    configArgs.add(args[i]);
                    configArgs.add(args[++i]);
                }
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (tokenFile == null) fail("--token-file is required: the API answers only requests carrying its token");
        String token = Secrets.fromFile(tokenFile, "--token-file");
        if (token.length() < 16)
            fail("the token in " + tokenFile
                    + " is shorter than 16 characters; use e.g. head -c 24 /dev/urandom | base64");
        HotTierSettings settings =
                HotTierSettings.of(VigilConfig.fromArgs(configArgs.toArray(String[]::new), System.getenv()));
        if (settings == null) fail("the hot tier is off (redis.uri is empty)");
        HotTierReader reader = new HotTierReader(settings);
        HotApi.create(reader, token).start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(reader::close));
    }

    private static void fail(String message) {
        System.err.println("vigil hot-api: " + message);
        System.exit(2);
    }
}
