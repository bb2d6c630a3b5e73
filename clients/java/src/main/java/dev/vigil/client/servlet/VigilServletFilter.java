package dev.vigil.client.servlet;

import dev.vigil.client.Text;
import dev.vigil.client.context.RequestContext;
import dev.vigil.client.context.TraceParent;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens a {@link RequestContext} for each HTTP request: the incoming correlation ID (the first valid one of {@code
 * x-correlation-id} and {@code x-request-id}, or of the headers given to the constructor or as the init parameter
 * {@code correlationHeaders}; else a new one) and a new span in the incoming {@code traceparent}'s trace (or a new
 * trace), in the MDC for every log line the request writes. The response carries both back as {@code
 * x-correlation-id} and {@code traceparent}, so a caller without IDs can find its request.
 */
public final class VigilServletFilter implements Filter {
    /** The init parameter naming the correlation headers, comma-separated, in the order they are read. */
    public static final String CORRELATION_HEADERS_PARAMETER = "correlationHeaders";

    private volatile List<String> correlationHeaders;

    /** Reads the correlation ID from {@link RequestContext#CORRELATION_HEADERS}. */
    public VigilServletFilter() {
        this.correlationHeaders = RequestContext.CORRELATION_HEADERS;
    }

    /** Reads the correlation ID from these request headers, the first valid one winning. */
    public VigilServletFilter(String... correlationHeaders) {
        this.correlationHeaders = headers(List.of(correlationHeaders), "the constructor's correlationHeaders");
    }

    @Override
    public void init(FilterConfig config) {
        String names = config.getInitParameter(CORRELATION_HEADERS_PARAMETER);
        if (names == null) return;
        correlationHeaders = headers(List.of(names.split(",")), "the init parameter " + CORRELATION_HEADERS_PARAMETER);
    }

    private static List<String> headers(List<String> names, String where) {
        List<String> headers = new ArrayList<>();
        for (String n : names) {
            String h = n.strip().toLowerCase(Locale.ROOT);
            if (!h.isEmpty()) headers.add(h);
        }
        if (headers.isEmpty()) {
            throw new IllegalArgumentException(
                    where + " names no header; give at least one, such as " + RequestContext.CORRELATION_HEADER);
        }
        return List.copyOf(headers);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        try (RequestContext.Scope ignored =
                RequestContext.fromHeaders(incomingCorrelation(http), http.getHeader(TraceParent.HEADER))) {
            if (response instanceof HttpServletResponse) {
                RequestContext c = RequestContext.current();
                HttpServletResponse out = (HttpServletResponse) response;
                out.setHeader(RequestContext.CORRELATION_HEADER, c.correlationId());
                out.setHeader(TraceParent.HEADER, c.trace().header());
            }
            chain.doFilter(request, response);
        }
    }

    /** The first of the correlation headers that holds a valid correlation ID (1-128 printable ASCII), or null. */
    private String incomingCorrelation(HttpServletRequest http) {
        for (String h : correlationHeaders) {
            String v = http.getHeader(h);
            if (Text.token(v, 128) != null) return v;
        }
        return null;
    }
}
