package io.tessera.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/tessera}: run a local cluster. (bin/tessera itself handles {@code test},
 * {@code run-fe} and building before it calls this.)
 */
@Command(name = "tessera", mixinStandardHelpOptions = true,
        subcommands = {TesseraCli.Up.class, TesseraCli.Down.class, TesseraCli.Status.class},
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
    static class DirOption {
        @Option(names = "--dir", defaultValue = "${sys:tessera.home}/var/local",
                description = "the cluster's folder (default: var/local in the Tessera checkout)")
        Path dir;

        LocalCluster cluster(PrintStream out) {
            return new LocalCluster(dir, Installation.fromSystemProperty(), out);
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Build if needed, start a local FE on 127.0.0.1, print how to connect.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        DirOption dir = new DirOption();

        @Option(names = "--backends", defaultValue = "0", description = "number of backends (default ${DEFAULT-VALUE})")
        int backends;

        @Option(names = "--conf", description = "override one config key on every node: key=value (repeatable)")
        List<String> conf = List.of();

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
            return dir.cluster(System.out).up(backends, overrides);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every process of the cluster (SIGTERM, then SIGKILL after 10 s).")
    static final class Down implements Callable<Integer> {
        @CommandLine.Mixin
        DirOption dir = new DirOption();

        @Override
        public Integer call() {
            return dir.cluster(System.out).down();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show which nodes are running.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        DirOption dir = new DirOption();

        @Override
        public Integer call() {
            return dir.cluster(System.out).status();
        }
    }
}
