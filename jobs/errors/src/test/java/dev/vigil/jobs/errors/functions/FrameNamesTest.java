package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Frame names as runtimes, frameworks and bundlers write them (examples from their documentation and issue trackers). */
class FrameNamesTest {
    @Test
    void generatedJvmClassesLoseTheirGeneratedSuffix() {
        // Spring 5 and 6, Guice (with its FastClass), Hibernate's ByteBuddy proxies, Mockito, ByteBuddy's auxiliaries
        assertThat(FrameNames.module("com.example.web.OrderController$$EnhancerBySpringCGLIB$$8f3c2a1b"))
                .isEqualTo("com.example.web.OrderController$$EnhancerBySpringCGLIB$$<auto>");
        assertThat(FrameNames.module("com.example.web.OrderController$$EnhancerBySpringCGLIB$$8f3c2a1b_2"))
                .isEqualTo("com.example.web.OrderController$$EnhancerBySpringCGLIB$$<auto>");
        assertThat(FrameNames.module("com.example.web.OrderController$$SpringCGLIB$$0"))
                .isEqualTo("com.example.web.OrderController$$SpringCGLIB$$<auto>");
        assertThat(FrameNames.module(
                        "com.example.api.OutboundController$$EnhancerByGuice$$ae46b1bf$$FastClassByGuice$$caceacd2"))
                .isEqualTo("com.example.api.OutboundController$$EnhancerByGuice$$<auto>$$FastClassByGuice$$<auto>");
        assertThat(FrameNames.module("com.example.api.OutboundController$EnhancerByGuice$ae46b1bf"))
                .isEqualTo("com.example.api.OutboundController$EnhancerByGuice$<auto>");
        assertThat(FrameNames.module("com.example.domain.Order$HibernateProxy$ZwCX2Wyb"))
                .isEqualTo(FrameNames.module("com.example.domain.Order$HibernateProxy$QmNbTrVx"))
                .isEqualTo("com.example.domain.Order$HibernateProxy$<auto>");
        assertThat(FrameNames.module("com.example.Cart$MockitoMock$1530187045"))
                .isEqualTo("com.example.Cart$MockitoMock$<auto>");
        assertThat(FrameNames.module("com.example.Cart$ByteBuddy$wA3xKp9q$auxiliary$Gq1S6yNf"))
                .isEqualTo("com.example.Cart$ByteBuddy$<auto>$auxiliary$<auto>");
    }

    @Test
    void lambdasProxiesJavassistAndClojureLoseTheirNumbers() {
        // a lambda's hidden class as Java 8, 9-20 and 21 name it
        assertThat(FrameNames.module("com.example.Api$$Lambda$41/1283928880"))
                .isEqualTo(FrameNames.module("com.example.Api$$Lambda$1234/0x0000000800c4b840"))
                .isEqualTo(FrameNames.module("com.example.Api$$Lambda/0x000001e0a1003a00"))
                .isEqualTo("com.example.Api$$Lambda");
        assertThat(FrameNames.module("com.example.$Proxy45")).isEqualTo("com.example.$Proxy");
        assertThat(FrameNames.module("com.example.api.entry.EntriesResource_$$_javassist_74"))
                .isEqualTo(FrameNames.module("com.example.api.entry.EntriesResource_$$_javassist_seam_74"))
                .isEqualTo("com.example.api.entry.EntriesResource_$$_javassist");
        assertThat(FrameNames.module("com.example.Dao_$$_jvst1a2_3")).isEqualTo("com.example.Dao_$$_jvst");
        assertThat(FrameNames.module("myapp.core$fn__12345")).isEqualTo("myapp.core$fn__");
        assertThat(FrameNames.function("lambda$checkout$3")).isEqualTo("lambda$checkout");
        assertThat(FrameNames.function("lambda$static$0")).isEqualTo("lambda$static");
        assertThat(FrameNames.function("$anonfun$receive$1")).isEqualTo("$anonfun$receive");
    }

    /** Go's closures and statement wrappers, as runtime.Stack prints them. */
    @Test
    void goClosuresLoseTheirNumbers() {
        assertThat(FrameNames.function("(*Service).Checkout.func2")).isEqualTo("(*Service).Checkout.func");
        assertThat(FrameNames.function("(*Service).Checkout.func2.1")).isEqualTo("(*Service).Checkout.func.");
        assertThat(FrameNames.function("main.gowrap1")).isEqualTo("main.gowrap");
        assertThat(FrameNames.function("Checkout.deferwrap3")).isEqualTo("Checkout.deferwrap");
        assertThat(FrameNames.function("(*Service).Checkout")).isEqualTo("(*Service).Checkout");
        assertThat(FrameNames.function("(*V2Client).Get")).isEqualTo("(*V2Client).Get");
        assertThat(FrameNames.function("Order.func4u"))
                .as("not a closure's number")
                .isEqualTo("Order.func4u");
    }

    /** Names the C# compiler generates, as .NET prints them in a stack trace. */
    @Test
    void csharpGeneratedNamesLoseTheirNumbers() {
        assertThat(FrameNames.module("Shop.Orders.OrderService.<CheckoutAsync>d__3"))
                .isEqualTo("Shop.Orders.OrderService.<CheckoutAsync>d__");
        assertThat(FrameNames.module("Shop.Orders.OrderService.<>c__DisplayClass5_0"))
                .isEqualTo("Shop.Orders.OrderService.<>c__DisplayClass");
        assertThat(FrameNames.function("<Checkout>b__3_0")).isEqualTo("<Checkout>b__");
        assertThat(FrameNames.function("<Checkout>g__Total|2_0")).isEqualTo("<Checkout>g__Total|");
        assertThat(FrameNames.module("Shop.Orders.OrderService+<>c")).isEqualTo("Shop.Orders.OrderService+<>c");
        assertThat(FrameNames.function("MoveNext")).isEqualTo("MoveNext");
        assertThat(FrameNames.module("Shop.V2.Orders")).isEqualTo("Shop.V2.Orders");
    }

    @Test
    void namesTheProgrammerWroteStayAsTheyAre() {
        for (String module : new String[] {
            "com.example.Outer$Inner",
            "com.example.Outer$1",
            "com.example.Outer$Inner$Deeper",
            "com.example.ProxyFactory",
            "com.example.Proxy2Config$Builder",
            "com.example.CheckoutService",
            "scala.collection.immutable.List$",
            "com.example.Routes$Get$"
        }) {
            assertThat(FrameNames.module(module)).as(module).isEqualTo(module);
        }
        for (String function : new String[] {"checkout", "lambda$checkout", "apply$mcV$sp", "<init>", "run$1a"}) {
            assertThat(FrameNames.function(function)).as(function).isEqualTo(function);
        }
        assertThat(FrameNames.module(null)).isNull();
        assertThat(FrameNames.function(null)).isNull();
        assertThat(FrameNames.file(null)).isNull();
    }

    @Test
    void filesAreNamedWithoutTheirDirectoryOrBundleHash() {
        // the same file on two hosts, in two release directories, as ESM and CommonJS report it, on Windows
        assertThat(FrameNames.file("/srv/app/releases/20261206120000/dist/cart.service.js"))
                .isEqualTo(FrameNames.file("/var/www/shop/current/dist/cart.service.js"))
                .isEqualTo(FrameNames.file("file:///app/dist/cart.service.js"))
                .isEqualTo(FrameNames.file("C:\\inetpub\\app\\dist\\cart.service.js"))
                .isEqualTo("cart.service.js");
        assertThat(FrameNames.file("/var/task/venv/../app/views.py")).isEqualTo("views.py");
        // webpack's [name].[contenthash], create-react-app's chunks, a query string
        assertThat(FrameNames.file("/app/dist/main.3f2a1b9c8d7e6f5a4b3c.js")).isEqualTo("main.<hash>.js");
        assertThat(FrameNames.file("https://cdn.example.com/static/js/2.1f3e5d7a.chunk.js?v=7"))
                .isEqualTo("2.<hash>.chunk.js");
        assertThat(FrameNames.file("https://cdn.example.com/assets/index-4a8b2c9d.js#L1"))
                .isEqualTo("index-<hash>.js");
        // Vite's and Rollup's [name]-[hash] (base64url, digits or not), esbuild's (base32)
        assertThat(FrameNames.file("https://shop.example.com/assets/index-DiwrgTda.js"))
                .isEqualTo(FrameNames.file("/assets/index-BxK3aP9q.js"))
                .isEqualTo("index-<hash>.js");
        assertThat(FrameNames.file("/assets/vendor-C6wYpF-_.js")).isEqualTo("vendor-<hash>.js");
        assertThat(FrameNames.file("/dist/chunk-5OQ7GXZJ.mjs")).isEqualTo("chunk-<hash>.mjs");
        // names without a hash: words, versions, dates, numbers
        for (String file : new String[] {
            "CheckoutService.java",
            "node:internal/process/task_queues",
            "<anonymous>",
            "Unknown Source",
            "oauth2-client.js",
            "deadbeef.js",
            "20261206.js",
            "app.v1.2.3.js",
            "index-Checkout.js",
            "api-getUsers.js",
            "shopping-cart.js",
            "[native code]"
        }) {
            String expected = file.contains("/") ? file.substring(file.lastIndexOf('/') + 1) : file;
            assertThat(FrameNames.file(file)).as(file).isEqualTo(expected);
        }
    }

    @Test
    void aResumedAsyncFunctionIsTheSameFunction() {
        assertThat(FrameNames.function("async CartService.checkout")).isEqualTo("CartService.checkout");
        assertThat(FrameNames.function("CartService.checkout")).isEqualTo("CartService.checkout");
    }
}
