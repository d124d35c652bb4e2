package io.tessera.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A local cluster in one folder: the FE on 127.0.0.1 with Doris's default ports, its conf, meta
 * and log under {@code DIR/fe}. {@code up} on a running cluster changes nothing.
 *
 * <p>Threading: used by one command at a time.
 */
public final class LocalCluster {
    public static final String FE_HOST = "127.0.0.1";
    public static final int QUERY_PORT = 9030;
    static final String DEFAULT_FE_JVM_OPTIONS = "-Xmx1g -XX:MaxDirectMemorySize=256m";

    private final Path dir;
    private final NodeLauncher launcher;
    private final PrintStream out;

    public LocalCluster(Path dir, Installation installation, PrintStream out) {
        this.dir = dir.toAbsolutePath().normalize();
        this.launcher = new NodeLauncher(installation);
        this.out = out;
    }

    /** The FE's spec; {@code overrides} apply on top of the defaults. */
    NodeSpec frontendSpec(Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("priority_networks", FE_HOST + "/32");
        config.put("query_port", Integer.toString(QUERY_PORT));
        config.put("http_port", "8030");
        config.put("rpc_port", "9020");
        config.put("edit_log_port", "9010");
        config.put("meta_dir", dir.resolve("fe").resolve("meta").toString());
        config.putAll(overrides);
        String jvm = System.getenv().getOrDefault("JAVA_OPTS_FE", DEFAULT_FE_JVM_OPTIONS);
        return new NodeSpec("fe", "tessera-fe", "io.tessera.fe.server.FrontendMain", "fe.conf",
                dir.resolve("fe"), config, Arrays.asList(jvm.trim().split("\\s+")));
    }

    /** Starts what is not running; returns the process exit code for the command. */
    public int up(int backends, Map<String, String> overrides) throws IOException, InterruptedException {
        if (backends != 0) {
            out.println("backends are not available yet: use --backends 0 (the BE arrives with the next release)");
            return 2;
        }
        NodeSpec fe = frontendSpec(overrides);
        int queryPort = Integer.parseInt(fe.config().get("query_port"));
        Optional<ProcessHandle> running = NodeLauncher.running(fe);
        if (running.isPresent()) {
            out.println("The cluster in " + dir + " is already running (FE pid " + running.get().pid() + ").");
            printConnect(queryPort);
            return 0;
        }
        if (!portFree(FE_HOST, queryPort)) {
            out.println("port " + queryPort + " on " + FE_HOST + " is in use by another process");
            return 1;
        }
        out.println("Starting the FE on " + FE_HOST + ":" + queryPort + " (log: " + fe.logFile() + ") ...");
        ProcessHandle process = launcher.start(fe);
        MysqlProbe.awaitReady(FE_HOST, queryPort, process, fe.logFile(), Duration.ofSeconds(120));
        out.println("FE is up (pid " + process.pid() + ").");
        printConnect(queryPort);
        return 0;
    }

    public int down() {
        NodeSpec fe = frontendSpec(Map.of());
        Optional<ProcessHandle> running = NodeLauncher.running(fe);
        if (running.isEmpty()) {
            out.println("Nothing is running in " + dir + ".");
            return 0;
        }
        boolean killed = Processes.stop(running.get(), Duration.ofSeconds(10));
        out.println("Stopped the FE (pid " + running.get().pid() + (killed ? ", killed after 10 s" : "") + ").");
        return 0;
    }

    public int status() {
        NodeSpec fe = frontendSpec(Map.of());
        Optional<ProcessHandle> running = NodeLauncher.running(fe);
        out.println("fe  " + (running.map(p -> "running, pid " + p.pid()).orElse("stopped")));
        return 0;
    }

    private void printConnect(int queryPort) {
        out.println("Connect with:  mysql -h " + FE_HOST + " -P " + queryPort + " -uroot");
    }

    static boolean portFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** For messages: the folder this cluster lives in. */
    public Path dir() {
        return dir;
    }
}
