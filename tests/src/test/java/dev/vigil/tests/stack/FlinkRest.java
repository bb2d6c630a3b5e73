package dev.vigil.tests.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Submits jobs to the standalone Flink cluster with {@code ./vigil submit} and watches them over its REST API (mutual TLS). */
public final class FlinkRest {
    private final String base;

    public FlinkRest(String base) {
        this.base = base;
    }

    /** Runs a job jar on the cluster with {@code ./vigil submit}, as an operator would (jar uploads are off); returns its job ID. */
    public String submit(Path jar, String entryClass, String... programArgs) throws IOException, InterruptedException {
        return vigilSubmit(jar, List.of("--class", entryClass), programArgs);
    }

    /** Runs the jar restored from a checkpoint or savepoint, as after losing a JobManager without HA. */
    public String submitFrom(String checkpointPath, Path jar, String entryClass, String... programArgs)
            throws IOException, InterruptedException {
        return vigilSubmit(jar, List.of("--class", entryClass, "--from", checkpointPath), programArgs);
    }

    private static String vigilSubmit(Path jar, List<String> options, String... programArgs)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(LocalStack.repoRoot().resolve("vigil").toString(), "submit", jar.toString()));
        command.addAll(options);
        command.add("--");
        command.addAll(List.of(programArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("./vigil submit " + jar.getFileName() + " failed: " + output);
        }
        return output.substring(output.lastIndexOf('\n') + 1);
    }

    /** Completed checkpoints of a job so far. */
    public long completedCheckpoints(String jobId) {
        return Http.get(base + "/jobs/" + jobId + "/checkpoints")
                .get("counts")
                .get("completed")
                .asLong();
    }

    /** Failed checkpoints of a job so far. */
    public long failedCheckpoints(String jobId) {
        return Http.get(base + "/jobs/" + jobId + "/checkpoints")
                .get("counts")
                .get("failed")
                .asLong();
    }

    /** Heap used, heap max (bytes) and full collections so far of the first TaskManager, with its ID. */
    public TaskManagerHeap taskManagerHeap() {
        String tm = Http.get(base + "/taskmanagers")
                .get("taskmanagers")
                .get(0)
                .get("id")
                .asText();
        JsonNode m = Http.get(
                base + "/taskmanagers/" + tm
                        + "/metrics?get=Status.JVM.Memory.Heap.Used,Status.JVM.Memory.Heap.Max,Status.JVM.GarbageCollector.G1_Old_Generation.Count");
        long used = 0, max = 0, fullGcs = 0;
        for (JsonNode n : m) {
            String id = n.get("id").asText();
            long value = n.get("value").asLong();
            if (id.endsWith("Heap.Used")) used = value;
            else if (id.endsWith("Heap.Max")) max = value;
            else fullGcs = value;
        }
        return new TaskManagerHeap(tm, used, max, fullGcs);
    }

    /** One sample of a TaskManager's heap; in G1 the old-generation collector runs only for full collections. */
    public record TaskManagerHeap(String taskManager, long used, long max, long fullGcs) {}

    /** A task metric summed over every subtask of every vertex, by the end of its name (e.g. {@code vigil.hotTierWritten}). */
    public long sumOfTaskMetric(String jobId, String nameSuffix) {
        long sum = 0;
        for (JsonNode v : job(jobId).get("vertices")) {
            String metrics =
                    base + "/jobs/" + jobId + "/vertices/" + v.get("id").asText() + "/subtasks/metrics";
            for (JsonNode m : Http.get(metrics)) {
                String id = m.get("id").asText();
                if (!id.endsWith(nameSuffix)) continue;
                for (JsonNode agg : Http.get(metrics + "?agg=sum&get="
                        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8))) {
                    sum += (long) agg.get("sum").asDouble();
                }
            }
        }
        return sum;
    }

    /** How often the job restarted after failures. */
    public long restarts(String jobId) {
        return Http.get(base + "/jobs/" + jobId + "/metrics?get=numRestarts")
                .get(0)
                .get("value")
                .asLong();
    }

    /** Polls until the job is RUNNING with all its tasks running and {@code checkpoints} more checkpoints completed. */
    public void awaitRunningAndCheckpointed(String jobId, int checkpoints, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = -1;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode job = job(jobId);
                if (job.get("state").asText().equals("RUNNING") && allTasksRunning(job)) {
                    long done = completedCheckpoints(jobId);
                    if (target < 0) target = done + checkpoints;
                    if (done >= target) return;
                } else {
                    target = -1;
                }
            } catch (RuntimeException e) {
                target = -1; // the JobManager is still coming up
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "job " + jobId + " not running with " + checkpoints + " new checkpoints within " + timeout);
    }

    private static boolean allTasksRunning(JsonNode job) {
        for (JsonNode v : job.get("vertices")) {
            if (!v.get("status").asText().equals("RUNNING")) return false;
        }
        return true;
    }

    public JsonNode job(String jobId) {
        return Http.get(base + "/jobs/" + jobId);
    }

    /** Polls until the job reaches a terminal state and returns it. */
    public String awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = job(jobId).get("state").asText();
            if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
                return state;
            }
            Thread.sleep(500);
        }
        return state;
    }

    public void cancel(String jobId) {
        Http.send(
                HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()),
                "cancel job " + jobId);
    }
}
