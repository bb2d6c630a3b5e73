package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;

/**
 * Flink's Prometheus reporter serving on one address. Flink's own binds every interface; the local
 * Vigil stack keeps every listener on 127.0.0.1. In Flink's package because the registry it fills is
 * package-private (same plugin class loader as flink-metrics-prometheus).
 */
public class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;
    private final int port;

    LoopbackPrometheusReporter(String host, Iterator<Integer> ports) {
        HTTPServer started = null;
        int bound = -1;
        while (ports.hasNext() && started == null) {
            int candidate = ports.next();
            try {
                started = new HTTPServer(new InetSocketAddress(host, candidate), registry, true);
                bound = candidate;
            } catch (IOException portTaken) {
                log.debug("port {} of {} is taken, trying the next one", candidate, host);
            }
        }
        if (started == null) throw new IllegalStateException("no free port for the Prometheus reporter on " + host);
        server = started;
        port = bound;
        log.info("Prometheus reporter serving on {}:{}", host, port);
    }

    int getPort() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }
}
