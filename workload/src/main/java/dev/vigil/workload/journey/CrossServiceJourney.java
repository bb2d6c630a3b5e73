package dev.vigil.workload.journey;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Vigil;
import dev.vigil.client.context.RequestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends requests across two services in two languages: the Java storefront ({@link Storefront}, the Java
 * producer library) calls the NestJS payments example ({@code @vigil/nestjs}), which must already run. Prints each
 * request's correlation ID; each becomes one journey (storefront, then payments) in the pipeline.
 * Usage: {@code CrossServiceJourney --bootstrap HOST:PORT --payments-url URL [--topic-prefix vigil.] [--requests 5]}
 */
public final class CrossServiceJourney {
    private CrossServiceJourney() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        String paymentsUrl = null;
        String prefix = "vigil.";
        int requests = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap":
                    bootstrap = args[i + 1];
                    break;
                case "--payments-url":
                    paymentsUrl = args[i + 1];
                    break;
                case "--topic-prefix":
                    prefix = args[i + 1];
                    break;
                case "--requests":
                    requests = Integer.parseInt(args[i + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (bootstrap == null || paymentsUrl == null) {
            throw new IllegalArgumentException("--bootstrap and --payments-url are required");
        }
        for (String id : run(bootstrap, prefix, URI.create(paymentsUrl), requests, "journey-")) System.out.println(id);
    }

    /**
     * Starts the storefront, sends {@code requests} checkouts through it (the last one's payment times out in the
     * payments service), closes it (sending what its publisher holds) and returns the correlation IDs.
     */
    public static List<String> run(String bootstrap, String prefix, URI payments, int requests, String idPrefix)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ClientSettings.Builder settings = ClientSettings.builder()
                .service("storefront")
                .environment("demo")
                .bootstrapServers(bootstrap)
                .overflow(Overflow.BLOCK)
                .topic("agent_log", prefix + "agent-logs")
                .topic("business_event", prefix + "business-events")
                .topic("performance_metric", prefix + "performance-metrics")
                .topic("error", prefix + "errors");
        List<String> ids = new ArrayList<>();
        try (Vigil vigil = Vigil.start(settings.build());
                Storefront storefront = new Storefront(vigil, payments)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 1; i <= requests; i++) {
                String order = "order-" + run + "-" + i + (i == requests ? "-timeout" : "");
                String id = idPrefix + run + "-" + i;
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(storefront.uri().resolve("/checkout/" + order))
                                .header(RequestContext.CORRELATION_HEADER, id)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200 && i != requests) {
                    throw new IllegalStateException("checkout " + order + " answered " + r.statusCode());
                }
                ids.add(id);
            }
        }
        return ids;
    }
}
