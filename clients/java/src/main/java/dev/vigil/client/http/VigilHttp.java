package dev.vigil.client.http;

import dev.vigil.client.context.RequestContext;
import dev.vigil.client.context.TraceParent;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Carries the current request's IDs on calls to other services: {@code x-correlation-id} and a
 * {@code traceparent} naming a new child span. For {@code java.net.http.HttpClient}:
 *
 * <pre>{@code client.send(VigilHttp.propagate(HttpRequest.newBuilder(uri)).build(), handler)}</pre>
 *
 * and for any other client (OkHttp, Apache), {@link #headers()} to add yourself. Outside a request, nothing is added.
 */
public final class VigilHttp {
    private VigilHttp() {}

    public static HttpRequest.Builder propagate(HttpRequest.Builder request) {
        RequestContext c = RequestContext.current();
        if (c != null) {
            RequestContext.OutgoingHeaders h = c.outgoing();
            request.setHeader(RequestContext.CORRELATION_HEADER, h.correlationId);
            request.setHeader(TraceParent.HEADER, h.traceparent);
        }
        return request;
    }

    /** The headers to send downstream, empty outside a request. */
    public static Map<String, String> headers() {
        RequestContext c = RequestContext.current();
        if (c == null) return Map.of();
        RequestContext.OutgoingHeaders h = c.outgoing();
        return Map.of(RequestContext.CORRELATION_HEADER, h.correlationId, TraceParent.HEADER, h.traceparent);
    }
}
