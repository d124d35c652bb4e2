package io.tessera.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/tessera}: run a local cluster. (bin/tessera itself handles {@code test},
 * {@code bench}, {@code run-fe}, {@code run-be} and building before it calls this.)
 */
@Command(name = "tessera", mixinStandardHelpOptions = true,
        subcommands = {TesseraCli.Up.class, TesseraCli.Down.class, TesseraCli.Status.class,
            TesseraCli.Frontend.class, TesseraCli.Backend.class},
        description = "Run a local Tessera cluster.")
public final class TesseraCli implements Callable<Integer> {
    public static void main(String[] args) {
        System.exit(new CommandLine(new TesseraCli()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Options every cluster command takes. */
    static class ClusterOptions {
        @Option(names = "--dir", defaultValue = "${sys:tessera.home}/var/local",
                description = "the cluster's folder (default: var/local in the Tessera checkout)")
        Path dir;

        LocalCluster cluster(String hostPrefix) throws IOException {
            ClusterLayout layout = ClusterLayout.of(dir, hostPrefix,
                    System.getenv().getOrDefault("JAVA_OPTS_FE", ClusterLayout.DEFAULT_FE_JVM),
                    System.getenv().getOrDefault("JAVA_OPTS_BE", ClusterLayout.DEFAULT_BE_JVM));
            return new LocalCluster(layout, Installation.fromSystemProperty(), System.out);
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start a local FE and N BEs (on 127.0.0.1 .. 127.0.0.N), add the BEs, wait until "
                    + "they are alive, print how to connect.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        ClusterOptions options = new ClusterOptions();

        @Option(names = "--backends", defaultValue = "3", description = "number of backends (default ${DEFAULT-VALUE})")
        int backends;

        @Option(names = "--conf", description = "override one config key on every node: key=value (repeatable)")
        List<String> conf = List.of();

        @Option(names = "--host-prefix", description = "loopback prefix of the nodes' addresses (default 127.0.0, "
                + "or what this folder's cluster used); another prefix runs a second cluster side by side")
        String hostPrefix;

        @Override
        public Integer call() throws Exception {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String entry : conf) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    System.out.println("--conf needs key=value, got '" + entry + "'");
                    return 2;
                }
                overrides.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
            }
            if (backends < 0 || backends > 254) {
                System.out.println("--backends must be 0..254");
                return 2;
            }
            return options.cluster(hostPrefix).up(backends, overrides);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every process of the cluster (SIGTERM, then SIGKILL after 10 s).")
    static final class Down implements Callable<Integer> {
        @CommandLine.Mixin
        ClusterOptions options = new ClusterOptions();

        @Override
        public Integer call() throws Exception {
            return options.cluster(null).down();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show which nodes are running.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        ClusterOptions options = new ClusterOptions();

        @Override
        public Integer call() throws Exception {
            return options.cluster(null).status();
        }
    }

    @Command(name = "fe", mixinStandardHelpOptions = true,
            description = "start | stop | kill the cluster's FE (kill is kill -9; start returns once it answers).")
    static final class Frontend implements Callable<Integer> {
        @CommandLine.Mixin
        ClusterOptions options = new ClusterOptions();

        @Parameters(index = "0", description = "start, stop or kill")
        String action;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = options.cluster(null);
            return cluster.node(cluster.layout().frontend(Map.of()), action);
        }
    }

    @Command(name = "be", mixinStandardHelpOptions = true,
            description = "start | stop | kill one BE of the cluster (start of a new index creates that BE "
                    + "without adding it; kill is kill -9; start returns once it listens).")
    static final class Backend implements Callable<Integer> {
        @CommandLine.Mixin
        ClusterOptions options = new ClusterOptions();

        @Parameters(index = "0", description = "start, stop or kill")
        String action;

        @Option(names = "--index", required = true, description = "the BE's index (BE i is on 127.0.0.(i+1))")
        int index;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = options.cluster(null);
            return cluster.node(cluster.layout().backend(index, Map.of()), action);
        }
    }
}
