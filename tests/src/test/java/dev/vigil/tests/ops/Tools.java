package dev.vigil.tests.ops;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool (promtool, node, npm) and keeps its exit code and output. */
record Tools(int exit, String output) {
    static Tools run(File dir, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p =
                new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 10 minutes");
        }
        return new Tools(p.exitValue(), out);
    }
}
