package dev.vigil.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Where the numbers were measured: CPU, cores, memory, OS, JVM. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = firstValue("/proc/cpuinfo", "model name");
        long memKb = Long.parseLong(
                firstValue("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "").isEmpty()
                        ? "0"
                        : firstValue("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", ""));
        String os = firstValue("/etc/os-release", "PRETTY_NAME").replace("\"", "");
        return String.format(
                Locale.ROOT,
                "Machine: %s, %d cores, %.1f GiB RAM, %s, Java %s (%s), Flink 1.20.1.",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                memKb / 1024.0 / 1024.0,
                os,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int sep = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
                if (sep > 0 && line.substring(0, sep).trim().equals(key))
                    return line.substring(sep + 1).trim();
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
