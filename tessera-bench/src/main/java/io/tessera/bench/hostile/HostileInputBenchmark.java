package io.tessera.bench.hostile;

import io.tessera.bench.BenchCleanup;
import io.tessera.bench.BenchCluster;
import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 15's attacks, again, at the scale, against a local cluster (FE and 3 BEs on
 * 127.1.62.x, default settings but for small log files so that the log bound is reached): forged
 * internal RPCs, bad ADD BACKEND hosts, mutated statements, a 1M-row SELECT * and a client that
 * quits, slow HTTP clients, a socket flood and a log flood. Prints one row per attack (what the
 * last version did, what this one does) and a {@code RESULT hostile} line; the cluster is stopped
 * and its folder removed at the end, also on Ctrl-C.
 *
 * <p>Run: {@code bin/tessera bench hostile [--rows N] [--sockets N] [--slow-http N] [--statements N]
 * [--log-requests N] [--seed N]}.
 *
 * <p>Threading: the main thread runs the attacks one after another.
 */
public final class HostileInputBenchmark {
    private static final String HOST_PREFIX = "127.1.62";
    private static final int ROLL_SIZE_MB = 8;
    private static final int ROLL_NUM = 2;
    private static final int LOAD_CHUNK_ROWS = 250_000;

    private HostileInputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<String, String> conf = Map.of("sys_log_roll_mode", "SIZE-MB-" + ROLL_SIZE_MB,
                "log_roll_size_mb", Integer.toString(ROLL_SIZE_MB), "sys_log_roll_num", Integer.toString(ROLL_NUM),
                "audit_log_roll_num", Integer.toString(ROLL_NUM));
        List<AttackResult> results = new ArrayList<>();
        try (BenchCleanup cleanup = new BenchCleanup("hostile")) {
            BenchCluster cluster = cleanup.add(BenchCluster.start("hostile", HOST_PREFIX, conf));
            Path work = Files.createDirectories(cluster.dir().resolve("attacks"));
            Target target = new Target(cluster.layout(), work);
            System.out.printf(Locale.ROOT, "loading %,d rows ...%n", options.rows());
            load(target, options.rows());
            long boundPerKind = (ROLL_NUM + 1L) * ROLL_SIZE_MB * 1024 * 1024;
            List<Map.Entry<String, Attack>> attacks = List.of(
                    Map.entry("forged internal RPCs", new RpcForgeries(target)::run),
                    Map.entry("bad ADD BACKEND hosts", new HostValidation(target)::run),
                    Map.entry("mutated statements",
                            new StatementMutations(target, options.statements(), options.seed())::run),
                    Map.entry("large result", new LargeResult(target, options.rows())::run),
                    Map.entry("slow HTTP clients", new SlowHttpClients(target, options.slowHttp())::run),
                    Map.entry("socket flood", new SocketFlood(target, options.sockets())::run),
                    Map.entry("log flood", new LogFlood(target, options.logRequests(), boundPerKind)::run));
            for (Map.Entry<String, Attack> attack : attacks) {
                System.out.println("attack: " + attack.getKey() + " ...");
                results.add(report(attempt(attack.getKey(), attack.getValue())));
            }
            try (FrontendClient client = target.client()) {
                long alive = client.showBackends().stream().filter(row -> "true".equals(row.get("Alive"))).count();
                System.out.printf(Locale.ROOT, "after every attack: FE answers, %d of 3 backends alive%n", alive);
            }
        }
        System.out.println();
        System.out.println("| attack | last version | this version | held |");
        System.out.println("|---|---|---|---|");
        for (AttackResult result : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", result.attack(), result.before(), result.after(),
                    result.held() ? "yes" : "NO");
        }
        long held = results.stream().filter(AttackResult::held).count();
        System.out.printf(Locale.ROOT, "RESULT hostile attacks=%d held=%d%n", results.size(), held);
    }

    /** One attack; it throws when something it needs (not the node under attack) fails. */
    private interface Attack {
        AttackResult run() throws Exception;
    }

    /** An attack that could not finish counts as not held, and the others still run. */
    private static AttackResult attempt(String name, Attack attack) {
        try {
            return attack.run();
        } catch (Exception e) {
            return new AttackResult(name, "", "could not finish: " + e, false);
        }
    }

    private static AttackResult report(AttackResult result) {
        System.out.printf(Locale.ROOT, "%-4s %s: %s%n", result.held() ? "ok" : "FAIL", result.attack(), result.after());
        return result;
    }

    /** The table the attacks aim at: {@code rows} rows, 3 replicas, loaded by Stream Load in chunks. */
    private static void load(Target target, long rows) throws Exception {
        try (FrontendClient client = target.client()) {
            client.execute("CREATE DATABASE " + Target.DATABASE);
            client.execute("CREATE TABLE " + Target.TABLE + " (k BIGINT, v VARCHAR(32)) DUPLICATE KEY(k) "
                    + "DISTRIBUTED BY HASH(k) BUCKETS 8 PROPERTIES ('replication_num' = '3')");
        }
        for (long first = 0; first < rows; first += LOAD_CHUNK_ROWS) {
            long last = Math.min(rows, first + LOAD_CHUNK_ROWS);
            Path csv = target.workDir().resolve("rows-" + first + ".csv");
            StringBuilder body = new StringBuilder();
            for (long k = first; k < last; k++) {
                body.append(k).append(",value-").append(k).append('\n');
            }
            Files.writeString(csv, body);
            String reply = Http.streamLoad(target, csv, "rows_" + first);
            Files.delete(csv);
            if (!Http.succeeded(reply)) {
                throw new IllegalStateException("loading the table failed: " + reply);
            }
        }
        if (target.count() != rows) {
            throw new IllegalStateException("the table has " + target.count() + " rows, not " + rows);
        }
    }

    /** The attacks' scale; the defaults are the issue's. */
    record Options(long rows, int sockets, int slowHttp, int statements, int logRequests, long seed) {
        static Options parse(String[] args) {
            long rows = 1_000_000;
            int sockets = 19_000;
            int slowHttp = 500;
            int statements = 5_500;
            int logRequests = 20_000;
            long seed = 15;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rows" -> rows = Long.parseLong(value);
                    case "--sockets" -> sockets = Integer.parseInt(value);
                    case "--slow-http" -> slowHttp = Integer.parseInt(value);
                    case "--statements" -> statements = Integer.parseInt(value);
                    case "--log-requests" -> logRequests = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Options(rows, sockets, slowHttp, statements, logRequests, seed);
        }
    }
}
