package io.tessera.cli;

import io.tessera.common.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local cluster in one folder: one FE and N BEs on loopback addresses (see {@link ClusterLayout}),
 * started in the background. {@code up} starts what is not running, adds new BEs with
 * {@code ALTER SYSTEM ADD BACKEND} as a user would, and waits until every BE is alive; on a running
 * cluster it changes nothing. Node commands act only on the cluster in this folder.
 *
 * <p>Threading: used by one command at a time.
 */
public final class LocalCluster {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final List<String> SHOWN_COLUMNS = List.of("BackendId", "Host", "HeartbeatPort", "BePort",
            "HttpPort", "Alive", "AvailCapacity", "TotalCapacity", "Version", "ErrMsg");

    private final ClusterLayout layout;
    private final NodeLauncher launcher;
    private final PrintStream out;

    public LocalCluster(ClusterLayout layout, Installation installation, PrintStream out) {
        this.layout = layout;
        this.launcher = new NodeLauncher(installation);
        this.out = out;
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** Starts the FE and BEs 0..backends-1 that are not running; returns the command's exit code. */
    public int up(int backends, Map<String, String> overrides) throws IOException, InterruptedException, SQLException {
        NodeSpec fe = layout.frontend(overrides);
        List<NodeSpec> bes = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            bes.add(layout.backend(i, overrides));
        }
        List<NodeSpec> toStart = new ArrayList<>();
        for (NodeSpec spec : concat(fe, bes)) {
            if (NodeLauncher.running(spec).isEmpty()) {
                String host = hostOf(spec);
                int port = ClusterLayout.mainPort(spec);
                if (!PortProbe.free(host, port)) {
                    out.println("port " + port + " on " + host + " is in use by another process");
                    return 1;
                }
                toStart.add(spec);
            }
        }
        if (toStart.isEmpty()) {
            out.println("The cluster in " + layout.dir() + " is already running.");
            printStatus();
            printConnect();
            return 0;
        }
        layout.remember();
        Map<NodeSpec, ProcessHandle> started = new LinkedHashMap<>();
        for (NodeSpec spec : toStart) {
            out.println("Starting " + spec.name() + " on " + hostOf(spec) + " (log: " + spec.logFile() + ")");
            started.put(spec, launcher.start(spec));
        }
        ProcessHandle feProcess = started.containsKey(fe) ? started.get(fe) : NodeLauncher.running(fe).orElseThrow();
        MysqlProbe.awaitReady(layout.frontendHost(), ClusterLayout.QUERY_PORT, feProcess, fe.logFile(), START_TIMEOUT);
        for (Map.Entry<NodeSpec, ProcessHandle> entry : started.entrySet()) {
            if (entry.getKey() != fe) {
                PortProbe.awaitListening(hostOf(entry.getKey()), ClusterLayout.HEARTBEAT_PORT, entry.getValue(),
                        entry.getKey().logFile(), START_TIMEOUT);
            }
        }
        try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
            addMissingBackends(client, backends);
            awaitAlive(client, backends);
            printBackends(client.showBackends());
        }
        printConnect();
        return 0;
    }

    private void addMissingBackends(FrontendClient client, int backends) throws SQLException {
        List<String> registered = client.showBackends().stream()
                .map(row -> row.get("Host") + ":" + row.get("HeartbeatPort")).toList();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            String hostPort = layout.backendHost(i) + ":" + ClusterLayout.HEARTBEAT_PORT;
            if (!registered.contains(hostPort)) {
                missing.add("\"" + hostPort + "\"");
            }
        }
        if (!missing.isEmpty()) {
            String sql = "ALTER SYSTEM ADD BACKEND " + String.join(", ", missing);
            out.println(sql + ";");
            client.execute(sql);
        }
    }

    private void awaitAlive(FrontendClient client, int backends) throws SQLException {
        long deadlineNs = Clock.system().monotonicNanos() + START_TIMEOUT.toNanos();
        long lastAlive = -1;
        while (true) {
            List<Map<String, String>> rows = client.showBackends();
            long alive = rows.stream().filter(row -> "true".equals(row.get("Alive"))).count();
            if (alive != lastAlive) {
                out.println("Backends alive: " + alive + "/" + rows.size());
                lastAlive = alive;
            }
            if (alive >= backends && alive == rows.size()) {
                return;
            }
            if (Clock.system().monotonicNanos() > deadlineNs) {
                printBackends(rows);
                throw new IllegalStateException("backends not alive after " + START_TIMEOUT.toSeconds() + " s");
            }
            pause(Duration.ofMillis(200));
        }
    }

    public int down() throws IOException {
        List<NodeSpec> nodes = nodes();
        List<ProcessHandle> stopping = new ArrayList<>();
        for (NodeSpec spec : nodes) {
            NodeLauncher.running(spec).ifPresent(process -> {
                process.destroy();
                stopping.add(process);
                out.println("Stopping " + spec.name() + " (pid " + process.pid() + ")");
            });
        }
        for (ProcessHandle process : stopping) {
            Processes.stop(process, STOP_GRACE);
        }
        out.println(stopping.isEmpty() ? "Nothing is running in " + layout.dir() + "." : "Stopped.");
        return 0;
    }

    public int status() throws IOException {
        printStatus();
        return 0;
    }

    /** {@code fe start|stop|kill} and {@code be start|stop|kill --index I}. */
    public int node(NodeSpec spec, String action) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = NodeLauncher.running(spec);
        switch (action) {
            case "start" -> {
                if (running.isPresent()) {
                    out.println(spec.name() + " is already running (pid " + running.get().pid() + ").");
                    return 0;
                }
                int port = ClusterLayout.mainPort(spec);
                if (!PortProbe.free(hostOf(spec), port)) {
                    out.println("port " + port + " on " + hostOf(spec) + " is in use by another process");
                    return 1;
                }
                ProcessHandle process = launcher.start(spec, false);
                if (spec.name().equals("fe")) {
                    MysqlProbe.awaitReady(hostOf(spec), port, process, spec.logFile(), START_TIMEOUT);
                } else {
                    PortProbe.awaitListening(hostOf(spec), port, process, spec.logFile(), START_TIMEOUT);
                }
                out.println("Started " + spec.name() + " on " + hostOf(spec) + ":" + port + " (pid " + process.pid() + ").");
                return 0;
            }
            case "stop", "kill" -> {
                if (running.isEmpty()) {
                    out.println(spec.name() + " is not running.");
                    return 0;
                }
                if (action.equals("kill")) {
                    Processes.kill(running.get());
                    out.println("Killed " + spec.name() + " (kill -9, pid " + running.get().pid() + ").");
                } else {
                    boolean killed = Processes.stop(running.get(), STOP_GRACE);
                    out.println("Stopped " + spec.name() + (killed ? " (killed after 10 s)." : "."));
                }
                return 0;
            }
            default -> {
                out.println("unknown action '" + action + "': use start, stop or kill");
                return 2;
            }
        }
    }

    private List<NodeSpec> nodes() throws IOException {
        List<NodeSpec> nodes = new ArrayList<>();
        nodes.add(layout.frontend(Map.of()));
        for (int index : layout.backendIndexes()) {
            nodes.add(layout.backend(index, Map.of()));
        }
        return nodes;
    }

    private void printStatus() throws IOException {
        for (NodeSpec spec : nodes()) {
            Optional<ProcessHandle> running = NodeLauncher.running(spec);
            out.printf("%-4s %-15s %s%n", spec.name(), hostOf(spec),
                    running.map(p -> "running, pid " + p.pid()).orElse("stopped"));
        }
    }

    private void printBackends(List<Map<String, String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (String column : SHOWN_COLUMNS) {
            int width = column.length();
            for (Map<String, String> row : rows) {
                width = Math.max(width, String.valueOf(row.get(column)).length());
            }
            widths.add(width);
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < SHOWN_COLUMNS.size(); i++) {
            header.append(String.format("%-" + widths.get(i) + "s  ", SHOWN_COLUMNS.get(i)));
        }
        out.println("SHOW BACKENDS (some columns):");
        out.println(header.toString().stripTrailing());
        for (Map<String, String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < SHOWN_COLUMNS.size(); i++) {
                line.append(String.format("%-" + widths.get(i) + "s  ", row.get(SHOWN_COLUMNS.get(i))));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private void printConnect() {
        out.println("Connect with:  mysql -h " + layout.frontendHost() + " -P " + ClusterLayout.QUERY_PORT + " -uroot");
    }

    private static String hostOf(NodeSpec spec) {
        return spec.config().get("priority_networks").replace("/32", "");
    }

    private static List<NodeSpec> concat(NodeSpec first, List<NodeSpec> rest) {
        List<NodeSpec> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void pause(Duration duration) {
        try {
            Clock.system().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
