package dev.vigil.client.servlet;

import dev.vigil.client.context.RequestContext;
import dev.vigil.client.context.TraceParent;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Opens a {@link RequestContext} for each HTTP request: the incoming {@code x-correlation-id} (or a new one) and a
 * new span in the incoming {@code traceparent}'s trace (or a new trace), in the MDC for every log line the request
 * writes. The response carries both back, so a caller without IDs can find its request.
 */
public final class VigilServletFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        try (RequestContext.Scope ignored = RequestContext.fromHeaders(
                http.getHeader(RequestContext.CORRELATION_HEADER), http.getHeader(TraceParent.HEADER))) {
            if (response instanceof HttpServletResponse) {
                RequestContext c = RequestContext.current();
                HttpServletResponse out = (HttpServletResponse) response;
                out.setHeader(RequestContext.CORRELATION_HEADER, c.correlationId());
                out.setHeader(TraceParent.HEADER, c.trace().header());
            }
            chain.doFilter(request, response);
        }
    }
}
