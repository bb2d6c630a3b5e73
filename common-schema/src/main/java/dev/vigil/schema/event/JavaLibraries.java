package dev.vigil.schema.event;

import java.util.List;

/**
 * The Java packages whose frames are a runtime's or a well-known library's rather than the application's: their
 * frames have {@code in_app} false when the producer does not say, so that the errors job's stack rule groups an
 * error by where the application called, not by the library frames every call through that library shares. The
 * OTLP mapping's default; the Java producer library keeps its own copy (it needs no dependency and runs on Java
 * 11), which its {@code ContractParityTest} holds equal to this one.
 */
public final class JavaLibraries {
    public static final List<String> PACKAGES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "jakarta.",
            "kotlin.",
            "kotlinx.",
            "scala.",
            "org.apache.",
            "org.springframework.",
            "io.netty.",
            "org.eclipse.jetty.",
            "io.undertow.",
            "com.fasterxml.",
            "org.hibernate.",
            "reactor.",
            "io.micrometer.");

    private JavaLibraries() {}

    /** Whether a class (its fully qualified name) is in one of {@link #PACKAGES}. */
    public static boolean contains(String className) {
        for (String p : PACKAGES) if (className.startsWith(p)) return true;
        return false;
    }
}
