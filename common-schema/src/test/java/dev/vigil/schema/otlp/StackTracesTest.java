package dev.vigil.schema.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.StackFrame;
import org.junit.jupiter.api.Test;

/** Stack traces in the layouts the runtimes print (CPython's traceback module, V8's Error.stack). */
class StackTracesTest {
    @Test
    void pythonTracebacksAreReversedToInnermostFirstAndOnlyTheRaisedOneIsKept() {
        String text = "Traceback (most recent call last):\n"
                + "  File \"/app/old.py\", line 3, in <module>\n"
                + "    x()\n"
                + "KeyError: 'a'\n\n"
                + "During handling of the above exception, another exception occurred:\n\n"
                + "Traceback (most recent call last):\n"
                + "  File \"/app/main.py\", line 12, in handle\n"
                + "    charge(cart)\n"
                + "  File \"/usr/lib/python3.12/site-packages/requests/api.py\", line 59, in post\n"
                + "    return request(\"post\", url)\n"
                + "ValueError: bad cart\n";
        assertThat(StackTraces.frames(text))
                .containsExactly(
                        new StackFrame(null, "post", "/usr/lib/python3.12/site-packages/requests/api.py", 59, false),
                        new StackFrame(null, "handle", "/app/main.py", 12, true));
    }

    @Test
    void v8StacksKeepFunctionFileAndLineWithAndWithoutAFunctionName() {
        String text = "TypeError: Cannot read properties of undefined (reading 'id')\n"
                + "    at CartService.total (/srv/app/dist/cart.service.js:41:17)\n"
                + "    at /srv/app/node_modules/express/lib/router/layer.js:95:5\n"
                + "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n";
        assertThat(StackTraces.frames(text))
                .containsExactly(
                        new StackFrame(null, "CartService.total", "/srv/app/dist/cart.service.js", 41, true),
                        new StackFrame(
                                null, "<anonymous>", "/srv/app/node_modules/express/lib/router/layer.js", 95, false),
                        new StackFrame(
                                null,
                                "process.processTicksAndRejections",
                                "node:internal/process/task_queues",
                                95,
                                false));
    }

    @Test
    void javaFramesOfTheRuntimeAndOfWellKnownLibrariesAreNotInApp() {
        // a unique-key violation as Spring's JDBC template reports it from the application's repository
        String text = "org.springframework.dao.DuplicateKeyException: PreparedStatementCallback\n"
                + "\tat org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.doTranslate(SQLErrorCodeSQLExceptionTranslator.java:247)\n"
                + "\tat org.springframework.jdbc.core.JdbcTemplate.update(JdbcTemplate.java:988)\n"
                + "\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:108)\n"
                + "\tat com.shop.orders.OrderRepository.save(OrderRepository.java:42)\n"
                + "\tat jdk.proxy2/jdk.proxy2.$Proxy45.save(Unknown Source)\n"
                + "\tat com.shop.orders.CheckoutService.checkout(CheckoutService.java:88)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n";
        assertThat(StackTraces.frames(text))
                .extracting(f -> f.module + "." + f.function + " " + f.inApp)
                .containsExactly(
                        "org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.doTranslate false",
                        "org.springframework.jdbc.core.JdbcTemplate.update false",
                        "kotlinx.coroutines.DispatchedTask.run false",
                        "com.shop.orders.OrderRepository.save true",
                        "jdk.proxy2.$Proxy45.save false",
                        "com.shop.orders.CheckoutService.checkout true",
                        "java.lang.Thread.run false");
    }

    @Test
    void javaStopsAtTheFirstCauseAndTextWithoutFramesGivesNone() {
        String text =
                "java.lang.IllegalStateException: x\n\tat a.B.c(B.java:1)\nCaused by: java.io.IOException\n\tat d.E.f(E.java:2)\n";
        assertThat(StackTraces.frames(text)).containsExactly(new StackFrame("a.B", "c", "B.java", 1, true));
        assertThat(StackTraces.frames("just a message")).isEmpty();
        assertThat(StackTraces.frames("")).isEmpty();
    }
}
