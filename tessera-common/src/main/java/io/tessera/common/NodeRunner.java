package io.tessera.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;

/**
 * What {@code run-fe} and {@code run-be} share: reading a node's conf file with
 * {@code --conf key=value} overrides, and running the node in the foreground until SIGTERM or
 * SIGINT closes it cleanly. Stateless.
 */
public final class NodeRunner {
    private NodeRunner() {
    }

    /** The conf file's values with the overrides applied; a malformed override is an IllegalArgumentException. */
    public static Map<String, String> readConfig(Path confFile, List<String> overrides) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(ConfigFile.read(confFile));
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--conf needs key=value, got '" + override + "'");
            }
            values.put(override.substring(0, equals).strip(), override.substring(equals + 1).strip());
        }
        return values;
    }

    /** The node's home: the folder above the one holding its conf file. */
    public static Path home(Path confFile) {
        return confFile.toAbsolutePath().getParent().getParent();
    }

    /** Logs the start line (version, heap limit, JVM arguments) for a node of the given kind ("FE", "BE"). */
    public static void logStart(Logger log, String kind, Path home) {
        log.info("Tessera {} {} starting: home {}, heap max {} MB, JVM arguments {}", kind, TesseraVersion.version(),
                home, Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Starts the node and blocks until the JVM is asked to stop, then closes it; returns the exit code. */
    public static int runUntilStopped(Logger log, AutoCloseable node, Runnable start) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                node.close();
            } catch (Exception e) {
                log.warn("error while stopping", e);
            }
            stopped.countDown();
        }, "shutdown"));
        start.run();
        stopped.await();
        return 0;
    }
}
