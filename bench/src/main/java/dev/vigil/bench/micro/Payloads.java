package dev.vigil.bench.micro;

import java.nio.charset.StandardCharsets;

/** Realistic input payloads, 300 B to 2 KB, as producers send them. */
final class Payloads {
    private Payloads() {}

    /** About 400 bytes: the agent-log event the throughput goal is stated for. */
    static final byte[] LOG_400 = bytes("""
            {"event_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","type":"agent_log","schema_version":1,\
            "timestamp":"2026-11-28T10:15:30.123Z","service":"checkout","environment":"prod","host":"web-7",\
            "correlation_id":"req-8c1d2e4f","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",\
            "span_id":"00f067aa0ba902b7","level":"info","logger":"checkout.api.CartController",\
            "message":"cart loaded in 42 ms (3 items)","attributes":{"http.status":200}}""");

    /** About 650 bytes: one AI-agent step, with a PII-bearing message. */
    static final byte[] AGENT_STEP_PII = bytes("""
            {"type":"agent_log","timestamp":"2026-11-28T10:15:31.500Z","service":"support-agent","environment":"prod",\
            "traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","level":"info","logger":"agent.runtime",\
            "message":"tool lookup_customer(email=jane.doe@example.com) matched account acct-7781, callback +1 415 555 2671",\
            "agent_id":"support-bot-3","session_id":"sess-20261128-0042","step":4,"tool":"lookup_customer","model":"gpt-4o-mini",\
            "tokens_in":812,"tokens_out":96,"cost":0.00042,"duration_ms":1380.5,"outcome":"success",\
            "attributes":{"queue":"tier-2","ticket":"T-99812","channel":"chat"}}""");

    /** About 1.6 KB: an error with stack frames. */
    static final byte[] ERROR_1600 = bytes("""
            {"type":"error","timestamp":"2026-11-28T10:17:00.500Z","service":"payments","environment":"prod","host":"pay-3",\
            "correlation_id":"req-8c1d2e4f","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"1a2b3c4d5e6f7081",\
            "error_type":"java.net.SocketTimeoutException","message":"Read timed out after 3000 ms calling psp.example.net for order 99812",\
            "handled":false,"severity":"error","http_status":504,"operation":"POST /api/pay","user_id":"u-1001",\
            "frames":[\
            {"module":"com.shop.payments","function":"PspClient.charge","file":"PspClient.java","line":88,"in_app":true},\
            {"module":"com.shop.payments","function":"PaymentService.pay","file":"PaymentService.java","line":142,"in_app":true},\
            {"module":"com.shop.api","function":"PayController.post","file":"PayController.java","line":51,"in_app":true},\
            {"module":"java.net","function":"SocketInputStream.read","file":"SocketInputStream.java","line":168,"in_app":false},\
            {"module":"sun.security.ssl","function":"SSLSocketImpl$AppInputStream.read","file":"SSLSocketImpl.java","line":1108,"in_app":false},\
            {"module":"org.apache.http","function":"BHttpConnectionBase.fillInputBuffer","file":"BHttpConnectionBase.java","line":153,"in_app":false},\
            {"module":"org.apache.http","function":"SessionInputBufferImpl.readLine","file":"SessionInputBufferImpl.java","line":280,"in_app":false},\
            {"module":"org.springframework.web","function":"FrameworkServlet.service","file":"FrameworkServlet.java","line":883,"in_app":false}],\
            "attributes":{"psp":"acme-pay","retry":2,"region":"eu-west-1","pod":"payments-5d8f7b9c4-x2k9q"}}""");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
