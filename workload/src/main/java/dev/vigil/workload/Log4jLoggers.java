package dev.vigil.workload;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/** log4j2 configured in code, as a service's log4j2.xml would: for the demo's storefront and the client benchmarks. */
public final class Log4jLoggers {
    private Log4jLoggers() {}

    /** A logger at INFO that writes only to {@code appender} (started here). */
    public static Logger writingOnlyTo(String name, Appender appender) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
        logger.addAppender(appender, null, null);
        config.addLogger(name, logger);
        context.updateLoggers();
        return LogManager.getLogger(name);
    }
}
