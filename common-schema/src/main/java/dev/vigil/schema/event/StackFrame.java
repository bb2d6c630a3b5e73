package dev.vigil.schema.event;

import java.util.Objects;

/** One frame of an error's stack trace, innermost first. */
public class StackFrame {
    public String module;
    public String function;
    public String file;
    public int line;
    /** True for the application's own code (not a library); fingerprinting uses the top in-app frames. */
    public boolean inApp;

    public StackFrame() {}

    public StackFrame(String module, String function, String file, int line, boolean inApp) {
        this.module = module;
        this.function = function;
        this.file = file;
        this.line = line;
        this.inApp = inApp;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof StackFrame)) return false;
        StackFrame f = (StackFrame) o;
        return line == f.line
                && inApp == f.inApp
                && Objects.equals(module, f.module)
                && Objects.equals(function, f.function)
                && Objects.equals(file, f.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(module, function, file, line, inApp);
    }
}
