package dev.vigil.client.context;

import dev.vigil.client.Text;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request a thread is working on: its correlation ID (one per user request, across every service) and its
 * W3C trace context (this service's span of it). Kept distinct, as the pipeline keeps them: a correlation ID
 * joins a request's events even across services that do not trace. {@link #fromHeaders} and {@link #open} put both in the logging
 * framework's MDC too ({@link Mdc#CORRELATION_ID}, {@link Mdc#TRACE_ID}, {@link Mdc#SPAN_ID}), where the appenders
 * read them.
 */
public final class RequestContext {
    /** The header that carries the correlation ID between services, as the pipeline names it. */
    public static final String CORRELATION_HEADER = "x-correlation-id";
    /**
     * The request ID edge proxies and meshes give a request and pass along (Envoy and Istio, nginx's {@code
     * $request_id}, Heroku's router): the correlation ID of a request that arrives without {@link
     * #CORRELATION_HEADER}.
     */
    public static final String REQUEST_ID_HEADER = "x-request-id";
    /** The headers an incoming request's correlation ID is read from, by default: the first valid one wins. */
    public static final List<String> CORRELATION_HEADERS = List.of(CORRELATION_HEADER, REQUEST_ID_HEADER);

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private final String correlationId;
    private final TraceParent trace;

    private RequestContext(String correlationId, TraceParent trace) {
        this.correlationId = correlationId;
        this.trace = trace;
    }

    public String correlationId() {
        return correlationId;
    }

    public TraceParent trace() {
        return trace;
    }

    /** The context of the calling thread, or null outside a request. */
    public static RequestContext current() {
        return CURRENT.get();
    }

    /**
     * Starts work on a request that arrived with these headers (either may be null): the incoming correlation ID if
     * it is a valid one (1-128 printable ASCII), else a new one; a new span in the incoming trace, else a new trace.
     * Close the scope when the request is done: the thread's previous context comes back.
     */
    public static Scope fromHeaders(String correlationHeader, String traceparentHeader) {
        String correlation = Text.token(correlationHeader, 128);
        TraceParent incoming = TraceParent.parse(traceparentHeader);
        return open(
                correlation != null ? correlation : newCorrelationId(),
                incoming != null ? incoming.child() : TraceParent.newRoot());
    }

    public static Scope open(String correlationId, TraceParent trace) {
        RequestContext previous = CURRENT.get();
        RequestContext next = new RequestContext(correlationId, trace);
        CURRENT.set(next);
        Mdc.put(next);
        return new Scope(previous);
    }

    /** The headers to send with a call this request makes downstream: the correlation ID and a child span. */
    public OutgoingHeaders outgoing() {
        return new OutgoingHeaders(correlationId, trace.child().header());
    }

    /**
     * A random UUID (version 4) from the thread's own generator: unique, not secret, and without the lock that
     * {@code UUID.randomUUID()}'s SecureRandom takes on every request.
     */
    static String newCorrelationId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** Restores the previous context (and MDC entries) of the thread. */
    public static final class Scope implements AutoCloseable {
        private final RequestContext previous;

        private Scope(RequestContext previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
                Mdc.clear();
            } else {
                CURRENT.set(previous);
                Mdc.put(previous);
            }
        }
    }

    /** The two headers of an outgoing call. */
    public static final class OutgoingHeaders {
        public final String correlationId;
        public final String traceparent;

        OutgoingHeaders(String correlationId, String traceparent) {
            this.correlationId = correlationId;
            this.traceparent = traceparent;
        }
    }
}
