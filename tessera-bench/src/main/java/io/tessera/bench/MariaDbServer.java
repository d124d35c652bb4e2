package io.tessera.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server for a benchmark's baseline: its own data folder (made by
 * {@code mariadb-install-db}), listening only on one loopback address, with root and no password
 * and LOAD DATA LOCAL allowed; stopped on close (the benchmark removes the folder it gave). Needs Debian's {@code mariadb-server}, which
 * {@code bin/tessera bench} installs for the benchmarks that use it.
 *
 * <p>Threading: one benchmark thread.
 */
final class MariaDbServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final String host;
    private final int port;
    /** Also read by a shutdown hook's {@link #stop}. */
    private volatile Process process;

    private MariaDbServer(Path dir, String host, int port) {
        this.dir = dir;
        this.host = host;
        this.port = port;
    }

    /** Initializes a data folder in {@code dir} and starts the server on {@code host:port}. */
    static MariaDbServer start(Path dir, String host, int port) throws IOException, InterruptedException {
        List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (runningAsRoot()) {
            install.add("--user=root");
        }
        Process installer = new ProcessBuilder(install).redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!installer.waitFor(120, TimeUnit.SECONDS)) {
            installer.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db did not finish within 120 s");
        }
        if (installer.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        MariaDbServer server = new MariaDbServer(dir, host, port);
        server.launch();
        return server;
    }

    /** Stops the server and starts it again on the same data: a cold server. */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--bind-address=" + host, "--port=" + port, "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-name-resolve", "--max-connections=1000",
                "--local-infile=1"));
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadb.log").toFile())).start();
        long deadlineNs = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadlineNs) {
                stop();
                throw new IllegalStateException("MariaDB did not start: " + Files.readString(dir.resolve("mariadb.log")));
            }
            Thread.sleep(200);
        }
    }

    private boolean answers() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("mariadb", "-h" + host, "-P" + port, "-uroot", "-e", "SELECT 1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!probe.waitFor(10, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            return false;
        }
        return probe.exitValue() == 0;
    }

    /** Stops the server if it runs; also from a shutdown hook, when the benchmark is interrupted. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
