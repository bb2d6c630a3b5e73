package dev.vigil.runtime;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.TopicsReady;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What every job's {@code main} does: read and validate config, prepare the stores, build, execute. */
public final class JobLauncher {
    /** The one job whose input is the alerts topic rather than a stream of its own name. */
    private static final String ALERTING = "alerting";

    private JobLauncher() {}

    /** A job pipeline, built onto an environment. */
    public interface Pipeline {
        void build(StreamExecutionEnvironment env);
    }

    /** Creates a job with its production sources and sinks. */
    public interface Factory {
        Pipeline create(VigilConfig config, boolean bounded, Map<String, String> env);
    }

    public static void run(String[] args, String job, Consumer<VigilConfig> prepareStores, Factory factory)
            throws Exception {
        List<String> jobArgs = new ArrayList<>(List.of(args));
        if (jobArgs.contains("--help") || jobArgs.contains("-h")) {
            System.out.println(usage(job));
            return;
        }
        if (jobArgs.remove("--validate")) {
            List<String> problems = problems(job, jobArgs.toArray(String[]::new), System.getenv(), factory);
            problems.forEach(p -> System.out.println("vigil " + job + ": " + p));
            System.out.println("vigil " + job + ": "
                    + (problems.isEmpty()
                            ? "the configuration is valid"
                            : problems.size() + " problem" + (problems.size() == 1 ? "" : "s")));
            if (!problems.isEmpty()) System.exit(1);
            return;
        }
        VigilConfig config;
        try {
            config = VigilConfig.fromArgs(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("vigil " + job + ": bad configuration:\n  " + String.join("\n  ", e.problems()));
            throw e;
        }
        StreamExecutionEnvironment env = VigilEnvironment.create(config, job);
        TopicsReady.await(
                config,
                TopicsReady.needed(config, job, job.equals(ALERTING)),
                Duration.ofSeconds(5),
                Duration.ofDays(3650));
        prepareStores.accept(config);
        factory.create(config, config.get(VigilOptions.KAFKA_BOUNDED), System.getenv())
                .build(env);
        env.execute("vigil-" + job);
    }

    /**
     * Every problem a start with these arguments would meet before connecting to anything: the options,
     * then the job's own rules (escalation steps, teams, masking, funnels, keys and credential files), found
     * by building the job graph without running it. Empty when the job would start.
     */
    public static List<String> problems(String job, String[] args, Map<String, String> env, Factory factory) {
        VigilConfig config;
        try {
            config = VigilConfig.fromArgs(args, env);
        } catch (ConfigException e) {
            return e.problems();
        }
        try {
            factory.create(config, config.get(VigilOptions.KAFKA_BOUNDED), env)
                    .build(VigilEnvironment.create(config, job));
        } catch (ConfigException e) {
            return e.problems();
        }
        return List.of();
    }

    static String usage(String job) {
        return """
                usage: vigil %1$s job [--config FILE] [--set KEY=VALUE]... [--validate] [--help]
                  --config FILE     the Vigil config (YAML); every key is in docs/configuration.md
                  --set KEY=VALUE   one option, after the file (repeatable), e.g. --set windows.%2$s.size=30s
                  --validate        check the config and the job's rules, print every problem with its key, and exit
                                    (status 1 when there is one); connects to nothing
                  --help            this text
                Options may also come from the environment: VIGIL_<KEY> with dots and dashes as underscores,
                e.g. VIGIL_KAFKA_BOOTSTRAP_SERVERS. Precedence: file, then environment, then --set.""".formatted(job, VigilOptions.WINDOWED_JOBS.contains(job) ? job : "agent-logs");
    }
}
