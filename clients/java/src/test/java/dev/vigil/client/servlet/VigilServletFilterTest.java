package dev.vigil.client.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.client.context.RequestContext;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VigilServletFilterTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aRequestIdFromTheMeshIsTheCorrelationIdWhenTheRequestHasNoneOfItsOwn() throws Exception {
        // Envoy and Istio give every request an x-request-id at the edge and pass it along
        Seen seen =
                filter(new VigilServletFilter(), Map.of("X-Request-ID", "7f3c2a1b-envoy", "traceparent", TRACEPARENT));
        assertThat(seen.correlationId).isEqualTo("7f3c2a1b-envoy");
        assertThat(seen.traceId).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(seen.response).containsEntry("x-correlation-id", "7f3c2a1b-envoy");

        seen = filter(new VigilServletFilter(), Map.of("x-correlation-id", "checkout-1", "x-request-id", "edge-9"));
        assertThat(seen.correlationId).as("the correlation header first").isEqualTo("checkout-1");
        seen = filter(new VigilServletFilter(), Map.of("x-correlation-id", "has spaces", "x-request-id", "edge-9"));
        assertThat(seen.correlationId).as("an invalid one is passed over").isEqualTo("edge-9");
        seen = filter(new VigilServletFilter(), Map.of());
        assertThat(seen.correlationId).as("a new one").isNotBlank().isNotEqualTo("edge-9");
        assertThat(RequestContext.current()).as("closed after the request").isNull();
    }

    @Test
    void theHeadersComeFromTheConstructorOrTheInitParameter() throws Exception {
        Map<String, String> headers = Map.of("x-correlation-id", "a", "x-request-id", "b", "x-amzn-request-id", "c");
        assertThat(filter(new VigilServletFilter("X-Amzn-Request-Id"), headers).correlationId)
                .isEqualTo("c");
        VigilServletFilter configured = new VigilServletFilter();
        configured.init(config(" x-request-id , x-correlation-id "));
        assertThat(filter(configured, headers).correlationId).isEqualTo("b");
        VigilServletFilter unconfigured = new VigilServletFilter();
        unconfigured.init(config(null));
        assertThat(filter(unconfigured, headers).correlationId).isEqualTo("a");
        assertThatThrownBy(() -> new VigilServletFilter().init(config(" , ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the init parameter correlationHeaders names no header; give at least one, such as "
                        + "x-correlation-id");
    }

    /** What the request's code saw, and the response's headers. */
    private static final class Seen {
        String correlationId;
        String traceId;
        final Map<String, String> response = new HashMap<>();
    }

    private static Seen filter(VigilServletFilter filter, Map<String, String> headers) throws Exception {
        Map<String, String> byName = new HashMap<>();
        headers.forEach((k, v) -> byName.put(k.toLowerCase(Locale.ROOT), v));
        Seen seen = new Seen();
        HttpServletRequest request = fake(
                HttpServletRequest.class,
                (name, args) ->
                        name.equals("getHeader") ? byName.get(((String) args[0]).toLowerCase(Locale.ROOT)) : null);
        HttpServletResponse response = fake(HttpServletResponse.class, (name, args) -> {
            if (name.equals("setHeader")) seen.response.put((String) args[0], (String) args[1]);
            return null;
        });
        filter.doFilter(request, response, (req, res) -> {
            seen.correlationId = RequestContext.current().correlationId();
            seen.traceId = RequestContext.current().trace().traceId();
        });
        return seen;
    }

    private static FilterConfig config(String correlationHeaders) {
        return fake(
                FilterConfig.class,
                (name, args) -> name.equals("getInitParameter") && "correlationHeaders".equals(args[0])
                        ? correlationHeaders
                        : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> answer.answer(m.getName(), args)));
    }
}
