package dev.vigil.bench.client;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Publisher;
import dev.vigil.client.Vigil;
import dev.vigil.client.log4j2.VigilAppender;
import dev.vigil.client.servlet.VigilServletFilter;
import dev.vigil.workload.Log4jLoggers;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.appender.NullAppender;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * The small HTTP service of {@link RequestLatencyBench}, one JVM per run: {@code GET /cart/{id}} logs two lines and
 * answers a few hundred bytes. {@code plain}: the lines go to log4j2's NullAppender (the framework's cost, nothing
 * shipped). {@code vigil}: the library's Servlet filter, its log4j2 appender publishing to Kafka (through the publisher
 * it shares with the API) and a timer per request through its API. Prints its port, serves until its standard input
 * closes, then prints the publisher's counts.
 */
public final class RequestServer {
    static final String[] TOPICS = {"bench.client-logs", "bench.client-metrics"};

    private RequestServer() {}

    public static void main(String[] args) throws Exception {
        boolean vigil = args[0].equals("vigil");
        Vigil client = null;
        Appender appender;
        if (vigil) {
            ClientSettings.Builder builder = ClientSettings.builder()
                    .service("cart")
                    .environment("bench")
                    .bootstrapServers(args[1])
                    .topic("agent_log", TOPICS[0])
                    .topic("performance_metric", TOPICS[1])
                    .overflow(Overflow.DROP);
            // producer settings to compare, e.g. VIGIL_BENCH_KAFKA=compression.type=zstd,batch.size=262144
            String kafka = System.getenv("VIGIL_BENCH_KAFKA");
            if (kafka != null && !kafka.isBlank()) {
                for (String kv : kafka.split(",")) {
                    int eq = kv.indexOf('=');
                    builder.kafka(
                            kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
            ClientSettings settings = builder.build();
            client = Vigil.start(settings);
            // as a log4j2.xml appender configured like the API does: the two share one publisher
            appender = VigilAppender.of("vigil", Publisher.shared(settings, System.err::println));
        } else {
            appender = NullAppender.createAppender("null");
        }
        Logger log = Log4jLoggers.writingOnlyTo("bench.cart", appender);
        Vigil.Timer latency = client == null ? null : client.timer("http.server.duration", "GET /cart");
        Javalin app = Javalin.create(c -> {
            if (vigil) {
                c.jetty.modifyServletContextHandler(h -> h.addFilter(
                        new FilterHolder(new VigilServletFilter()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            }
        });
        app.get("/cart/{id}", ctx -> {
            long start = System.nanoTime();
            String id = ctx.pathParam("id");
            int items = id.length() % 7 + 1;
            log.info("cart {} loaded with {} items", id, items);
            StringBuilder body = new StringBuilder("{\"cart\":\"").append(id).append("\",\"items\":[");
            for (int i = 0; i < items; i++)
                body.append(i == 0 ? "" : ",")
                        .append("{\"sku\":\"sku-")
                        .append(i * 31 + 7)
                        .append("\",\"qty\":1}");
            ctx.contentType("application/json").result(body.append("]}").toString());
            log.info("cart {} answered", id);
            if (latency != null) latency.record(Duration.ofNanos(System.nanoTime() - start));
        });
        app.start("127.0.0.1", 0);
        System.out.println("port " + app.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the bench closes our input
        }
        app.stop();
        if (vigil) {
            Publisher p = client.publisher();
            if (p != ((VigilAppender) appender).publisher()) throw new IllegalStateException("two publishers");
            appender.stop();
            client.close();
            System.out.println("published " + p.sent() + " dropped " + p.dropped() + " failed " + p.failed());
        }
    }
}
