package io.tessera.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Points a node's logging at its own rolling file (fe.log, be.log) as {@link LogSettings} says,
 * replacing the console appender of logback.xml, so that the log cannot fill a disk: by size,
 * {@code fe.log} rolls to {@code fe.log.1 .. fe.log.<roll_num>} (the oldest deleted); by time,
 * to {@code fe.log.<yyyyMMdd[HH]>.<i>}, also rolled at the size, keeping {@code roll_num}
 * periods and at most {@code (roll_num + 1) × size} in all. Called once by a node's main before
 * it logs anything else; tests pass their own {@link LoggerContext}. Not thread-safe: start-up
 * only.
 */
public final class RollingLogs {
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";
    /** How often the size of the active file is checked (logback's default is a minute). */
    public static final long DEFAULT_SIZE_CHECK_MS = 1000;

    private RollingLogs() {
    }

    /** Configures the process's logback context; a no-op when slf4j is bound to something else. */
    public static void applyToProcess(LogSettings settings) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            apply(context, settings, DEFAULT_SIZE_CHECK_MS);
        }
    }

    /** Replaces the root logger's appenders with the rolling file of {@code settings}. */
    public static void apply(LoggerContext context, LogSettings settings, long sizeCheckMs) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("ROLLING");
        appender.setFile(settings.activeFile().toString());
        appender.setAppend(true);
        FileSize size = new FileSize(settings.rollSizeMb() * FileSize.MB_COEFFICIENT);
        String base = settings.activeFile().toString();
        if (settings.rollMode() == LogSettings.RollMode.SIZE) {
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
            rolling.setContext(context);
            rolling.setParent(appender);
            rolling.setFileNamePattern(base + ".%i");
            rolling.setMinIndex(1);
            rolling.setMaxIndex(settings.rollNum());
            SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
            trigger.setContext(context);
            trigger.setMaxFileSize(size);
            trigger.setCheckIncrement(Duration.buildByMilliseconds(sizeCheckMs));
            appender.setRollingPolicy(rolling);
            appender.setTriggeringPolicy(trigger);
            rolling.start();
            trigger.start();
        } else {
            SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
            rolling.setContext(context);
            rolling.setParent(appender);
            String period = settings.rollMode() == LogSettings.RollMode.DAY ? "yyyyMMdd" : "yyyyMMddHH";
            rolling.setFileNamePattern(base + ".%d{" + period + "}.%i");
            rolling.setMaxFileSize(size);
            rolling.setMaxHistory(settings.rollNum());
            rolling.setTotalSizeCap(new FileSize((settings.rollNum() + 1L) * size.getSize()));
            appender.setRollingPolicy(rolling);
            rolling.start();
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> old = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            old.add(it.next());
        }
        root.addAppender(appender);
        for (Appender<ILoggingEvent> previous : old) {
            root.detachAppender(previous);
            previous.stop();
        }
        root.setLevel(Level.toLevel(settings.level(), Level.INFO));
    }
}
