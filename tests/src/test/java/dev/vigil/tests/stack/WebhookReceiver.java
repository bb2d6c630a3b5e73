package dev.vigil.tests.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Receives Alertmanager's webhook notifications on 127.0.0.1 and keeps one line per notified alert. */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> notified = new ArrayList<>();

    public WebhookReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String receiver = exchange.getRequestURI().getPath().substring(1);
            JsonNode body = Http.JSON.readTree(exchange.getRequestBody());
            synchronized (notified) {
                for (JsonNode a : body.get("alerts")) {
                    notified.add(receiver + " " + a.at("/labels/alertname").asText() + " "
                            + a.at("/labels/service").asText() + " "
                            + a.at("/labels/severity").asText() + " "
                            + a.get("status").asText());
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** "receiver alertname service severity firing|resolved", in arrival order. */
    public List<String> notified() {
        synchronized (notified) {
            return new ArrayList<>(notified);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
