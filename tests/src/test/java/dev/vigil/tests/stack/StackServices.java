package dev.vigil.tests.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts, stops and kills single services of the local stack through {@code ./vigil stack}, as an
 * operator would: the reliability tests use it for crashes and outages.
 */
public final class StackServices {
    private StackServices() {}

    /** SIGKILL, as a crash: no shutdown hooks, nothing flushed. */
    public static void kill(String service) {
        vigil("kill", service);
    }

    /** Orderly stop. */
    public static void stop(String service) {
        vigil("stop", service);
    }

    /** Starts the service and waits until it is healthy. */
    public static void start(String service) {
        vigil("start", service);
    }

    private static void vigil(String action, String service) {
        Path root = LocalStack.repoRoot();
        try {
            Path log = Files.createDirectories(root.resolve("tests/target")).resolve("stack-services.log");
            Process p = new ProcessBuilder(root.resolve("vigil").toString(), "stack", action, service)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        "./vigil stack " + action + " " + service + " did not finish in 3 minutes; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("./vigil stack " + action + " " + service + " failed: "
                        + Files.readString(log, StandardCharsets.UTF_8)
                                .lines()
                                .reduce((a, b) -> b)
                                .orElse(""));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
