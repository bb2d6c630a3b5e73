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

    /** Exception.ToString() as .NET prints an exception with an inner one and an async frame boundary. */
    @Test
    void dotNetKeepsTheThrownExceptionsFramesWithTheirFilesAndLines() {
        String text = "System.InvalidOperationException: Checkout failed\n"
                + " ---> System.Collections.Generic.KeyNotFoundException: The given key 'sku-1' was not present.\n"
                + "   at System.Collections.Generic.Dictionary`2.get_Item(TKey key)\n"
                + "   at Shop.Inventory.Stock.Reserve(String sku) in /src/Shop/Inventory/Stock.cs:line 31\n"
                + "   --- End of inner exception stack trace ---\n"
                + "   at Shop.Orders.OrderService.Checkout(Int32 cartId) in /src/Shop/Orders/OrderService.cs:line 42\n"
                + "   at Shop.Orders.Cart..ctor()\n"
                + "--- End of stack trace from previous location ---\n"
                + "   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)\n"
                + "   at lambda_method5(Closure, Object, Object[])\n"
                + "   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute(ActionContext context)\n";
        assertThat(StackTraces.frames(text))
                .containsExactly(
                        new StackFrame(
                                "Shop.Orders.OrderService", "Checkout", "/src/Shop/Orders/OrderService.cs", 42, true),
                        new StackFrame("Shop.Orders.Cart", ".ctor", null, 0, true),
                        new StackFrame("System.Linq.Enumerable", "First[TSource]", null, 0, false),
                        new StackFrame(
                                "Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor",
                                "Execute",
                                null,
                                0,
                                false));
    }

    /** A goroutine as runtime.Stack prints it, which OpenTelemetry Go records with WithStackTrace(true). */
    @Test
    void goFramesPairAFunctionWithItsFileAndLeaveTheRuntimeAndDependenciesOut() {
        String text = "goroutine 7 [running]:\n"
                + "runtime/debug.Stack()\n"
                + "\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\n"
                + "github.com/acme/shop/orders.(*Service).Checkout(0xc000120000, {0x9a5e40, 0xc0001a2000})\n"
                + "\t/app/orders/service.go:88 +0x1d4\n"
                + "main.main()\n"
                + "\t/app/main.go:12\n"
                + "github.com/gin-gonic/gin.(*Context).Next(...)\n"
                + "\t/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1/context.go:174\n"
                + "net/http.HandlerFunc.ServeHTTP(0x0?, {0x9a5e40?, 0xc0001a2000?}, 0x0?)\n"
                + "\t/usr/local/go/src/net/http/server.go:2136 +0x29\n"
                + "created by net/http.(*Server).Serve in goroutine 1\n"
                + "\t/usr/local/go/src/net/http/server.go:3086 +0x5cb\n";
        assertThat(StackTraces.frames(text))
                .containsExactly(
                        new StackFrame("runtime/debug", "Stack", "/usr/local/go/src/runtime/debug/stack.go", 26, false),
                        new StackFrame(
                                "github.com/acme/shop/orders",
                                "(*Service).Checkout",
                                "/app/orders/service.go",
                                88,
                                true),
                        new StackFrame("main", "main", "/app/main.go", 12, true),
                        new StackFrame(
                                "github.com/gin-gonic/gin",
                                "(*Context).Next",
                                "/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1/context.go",
                                174,
                                false),
                        new StackFrame(
                                "net/http",
                                "HandlerFunc.ServeHTTP",
                                "/usr/local/go/src/net/http/server.go",
                                2136,
                                false));
    }

    /** Java's own source forms stay Java frames; V8's frames without a place in a file are none. */
    @Test
    void javaSourceFormsAndV8FramesWithoutAFileAreNotTakenForDotNet() {
        String java = "java.lang.IllegalStateException: bad (really)\n"
                + "\tat com.shop.Cart$$EnhancerBySpringCGLIB$$8f3c2a1b.total(<generated>)\n"
                + "\tat com.shop.Cart.total(Cart.java)\n"
                + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n";
        assertThat(StackTraces.frames(java))
                .extracting(f -> f.module + " " + f.function + " " + f.file + " " + f.inApp)
                .containsExactly(
                        "com.shop.Cart$$EnhancerBySpringCGLIB$$8f3c2a1b total <generated> true",
                        "com.shop.Cart total Cart.java true",
                        "jdk.internal.reflect.NativeMethodAccessorImpl invoke0 Native Method false");
        String v8 = "Error: x\n    at async Promise.all (index 0)\n    at run (/app/dist/run.js:3:9)\n";
        assertThat(StackTraces.frames(v8)).containsExactly(new StackFrame(null, "run", "/app/dist/run.js", 3, true));
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
