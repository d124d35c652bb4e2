package io.tessera.fe.testing;

import static org.awaitility.Awaitility.await;

import io.tessera.be.config.BeConfig;
import io.tessera.be.server.Backend;
import io.tessera.common.Clock;
import io.tessera.common.ManualClock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.config.FeConfig;
import io.tessera.fe.heartbeat.HeartbeatConfig;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.mysql.ConnectionInfo;
import io.tessera.fe.mysql.SessionFactory;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.server.Frontend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An FE and N BEs in the test's JVM, ready in well under a second, so executors can be tested
 * through the real wiring (session, parser, dispatcher, executors, heartbeats, gRPC to the BEs,
 * tablet reports) without starting processes:
 *
 * <pre>{@code
 * try (InProcessCluster cluster = InProcessCluster.start(3)) {
 *     cluster.execute("CREATE DATABASE d");
 *     List<List<String>> rows = cluster.rows("SHOW DATABASES");
 * }
 * }</pre>
 *
 * <p>What is real and what is not: the nodes talk real gRPC (the real services, stubs, deadlines,
 * status codes and bounded executors), but carried in memory by grpc-java's in-process transport
 * ({@link InProcessGrpcTransport}, one per cluster): every hop, FE→BE data calls and heartbeats,
 * BE→FE tablet reports and load calls, BE→BE replica writes. Listeners are named by
 * {@code host:port} on the cluster's own block {@code 127.3.<block>.*} ({@link LoopbackBlock}):
 * the FE's {@code rpc_port} is {@value #FRONTEND_RPC_PORT}, the BEs' gRPC ports are numbers the
 * transport hands out. Only the MySQL port and the HTTP ports are real loopback TCP sockets on that
 * block, with ephemeral ports. The FE's journal is the in-memory {@link LocalJournal} (no Ratis),
 * and its start-up warm-up runs the parser only.
 * The FE reads a {@link ManualClock} ({@link #clock}, zone {@link #ZONE}): statement times, create
 * times and heartbeat times stand still until a test advances it; heartbeats themselves fire on the
 * real scheduler every {@link #HEARTBEAT_INTERVAL_MS} ms, and the BEs keep the system clock (their
 * deadlines and compaction timers must really expire). The BEs are added before the FE starts, so
 * the first heartbeat round finds them. {@link #session} runs statements the way a MySQL login
 * does, without a socket; {@link #jdbcUrl} is the real MySQL port for tests that want the wire.
 *
 * <p>Threading: {@link #start} and {@link #close} from one thread; {@link #execute} and friends use
 * one shared root session, so call them from one thread at a time (open more sessions for
 * concurrency). Close stops every node, and with them every thread they started, and deletes the
 * temporary folder.
 */
public final class InProcessCluster implements AutoCloseable {
    /** The FE's session time zone default (Doris's usual one), so {@code time_zone} reads like a real FE's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Where the FE's manual clock starts: 2025-01-01 00:00:00 UTC. */
    public static final long START_WALL_MILLIS = 1_735_689_600_000L;
    public static final long HEARTBEAT_INTERVAL_MS = 200;
    /** Generous: a loaded test machine must not make a live BE look dead. */
    public static final long HEARTBEAT_TIMEOUT_MS = 5_000;
    /** The FE's rpc_port: a name in the cluster's in-process transport, no socket. */
    static final int FRONTEND_RPC_PORT = 9020;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLIENT_HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(InProcessCluster.class);

    private final Path folder;
    private final LoopbackBlock addresses;
    private final ManualClock clock;
    private final List<ClusterBackend> backends;
    private final Frontend frontend;
    private final AtomicInteger connectionIds = new AtomicInteger(1000);
    private final ClusterSession root;
    /** Set once by {@link #start}, before the cluster is handed out. */
    private long startMillis = -1;

    private InProcessCluster(Path folder, LoopbackBlock addresses, ManualClock clock, List<ClusterBackend> backends,
                             Frontend frontend) {
        this.folder = folder;
        this.addresses = addresses;
        this.clock = clock;
        this.backends = List.copyOf(backends);
        this.frontend = frontend;
        this.root = session(AccessControl.ROOT, CLIENT_HOST);
    }

    /**
     * Starts N BEs and an FE that knows them, and returns once every BE is alive in SHOW BACKENDS.
     *
     * @param backendCount how many BEs (0 is allowed: an FE alone)
     */
    public static InProcessCluster start(int backendCount) {
        long startNs = System.nanoTime();
        Path folder = TempFolders.create("tessera-inprocess-");
        LoopbackBlock addresses = LoopbackBlock.next();
        ManualClock clock = new ManualClock(START_WALL_MILLIS);
        InProcessGrpcTransport transport = InProcessGrpcTransport.isolated();
        List<ClusterBackend> backends = new ArrayList<>();
        Frontend frontend = null;
        try {
            for (int index = 0; index < backendCount; index++) {
                backends.add(startBackend(folder, addresses, index, transport));
            }
            frontend = new Frontend(frontendConfig(folder, addresses), new ZonedClock(clock, ZONE),
                    LocalJournal::new, 0, transport);
            InProcessCluster cluster = new InProcessCluster(folder, addresses, clock, backends, frontend);
            for (ClusterBackend backend : backends) {
                cluster.execute("ALTER SYSTEM ADD BACKEND \"" + backend.hostPort() + "\"");
            }
            frontend.start();
            cluster.awaitAllAlive();
            cluster.startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            LOG.info("in-process cluster on 127.3.{}.* with {} BE(s) ready in {} ms", addresses.block(),
                    backendCount, cluster.startMillis);
            return cluster;
        } catch (RuntimeException | Error e) {
            stop(frontend, backends, folder);
            throw e;
        }
    }

    private static ClusterBackend startBackend(Path folder, LoopbackBlock addresses, int index,
                                               InProcessGrpcTransport transport) {
        String host = addresses.backendHost(index);
        Path home = folder.resolve("be" + index);
        BeConfig config = BeConfig.from(Map.of(
                "priority_networks", host + "/32",
                "heartbeat_service_port", "0",
                "be_port", "0",
                "webserver_port", "0",
                "storage_root_path", home.resolve("storage").toString(),
                "arrow_memory_limit_bytes", Long.toString(64L << 20),
                "doris_scanner_thread_pool_thread_num", "2",
                "max_cumu_compaction_threads", "1"), home, warning -> {
                    throw new IllegalStateException(warning);
                });
        Backend node = new Backend(config, Clock.system(), transport);
        try {
            node.start();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return new ClusterBackend(index, host, node);
    }

    private static FeConfig frontendConfig(Path folder, LoopbackBlock addresses) {
        String host = addresses.frontendHost();
        Path home = folder.resolve("fe");
        FeConfig parsed = FeConfig.from(Map.of(
                "priority_networks", host + "/32",
                "query_port", "0",
                "http_port", "0",
                "rpc_port", Integer.toString(FRONTEND_RPC_PORT),
                "edit_log_port", "0",
                "meta_dir", home.resolve("meta").toString()), home, warning -> {
                    throw new IllegalStateException(warning);
                });
        return new FeConfig(parsed.home(), parsed.bindAddress(), parsed.queryPort(), parsed.httpPort(),
                parsed.rpcPort(), parsed.editLogPort(), parsed.metaDir(), parsed.maxPacketBytes(),
                new HeartbeatConfig(HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS,
                        HeartbeatConfig.DEFAULT_FAILURE_TOLERANCE_COUNT),
                parsed.unknownReplicaGraceSeconds(), parsed.snapshots(), parsed.tabletCreateTimeouts(),
                parsed.bucketLimit(), parsed.auditLog(), parsed.fileValues());
    }

    /** Waits until SHOW BACKENDS lists every BE, each alive. */
    public void awaitAllAlive() {
        await("every backend alive").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(5))
                .pollInSameThread()
                .until(() -> {
                    ResultSet shown = root.query("SHOW BACKENDS");
                    int alive = shown.columns().stream().map(c -> c.name()).toList().indexOf("Alive");
                    return shown.rows().size() == backends.size()
                            && shown.rows().stream().allMatch(row -> "true".equals(row.get(alive)));
                });
    }

    /**
     * A new session as {@code user@host} after the FE's own login check of {@code password}
     * ({@code mysql_native_password} over a scramble, as the MySQL port does); throws the FE's
     * 1045 error for a wrong password, an unknown user or a host no account matches.
     */
    public ClusterSession login(String user, String password, String host) {
        byte[] scramble = new byte[io.tessera.fe.auth.NativePassword.HASH_BYTES];
        java.util.Arrays.fill(scramble, (byte) 7);
        frontend.authenticator().authenticate(user, host, scramble,
                io.tessera.fe.auth.NativePassword.scramble(password, scramble));
        return session(user, host);
    }

    /** A new session as {@code user@host}, the way a MySQL login opens one (no password is checked: see {@link #login}). */
    public ClusterSession session(String user, String host) {
        return session(user, host, null);
    }

    /** A new session with a current database, as a login that names one. */
    public ClusterSession session(String user, String host, String database) {
        return new ClusterSession(sessions().open(
                new ConnectionInfo(connectionIds.incrementAndGet(), user, host, database)));
    }

    /** The FE's session factory, as the MySQL server uses it after a login. */
    public SessionFactory sessions() {
        return frontend.sessions();
    }

    /** A new root session from 127.0.0.1. */
    public ClusterSession session() {
        return session(AccessControl.ROOT, CLIENT_HOST);
    }

    /** Runs a statement in the shared root session. */
    public io.tessera.fe.result.QueryResult execute(String sql) {
        return root.execute(sql);
    }

    /** Runs a query in the shared root session. */
    public ResultSet query(String sql) {
        return root.query(sql);
    }

    /** The rows of a query in the shared root session. */
    public List<List<String>> rows(String sql) {
        return root.rows(sql);
    }

    /** The FE's clock: advance it to move statement, create and heartbeat times. */
    /** The FE's door to the backends' data service. */
    public io.tessera.fe.rpc.BackendCalls backendCalls() {
        return frontend.backendCalls();
    }

    /** The FE's decommission jobs, running and finished. */
    public io.tessera.fe.decommission.DecommissionJobs.Jobs decommissionJobs() {
        return frontend.decommissionJobs();
    }

    /** Every open session of the FE: what SHOW PROCESSLIST lists and KILL finds. */
    public io.tessera.fe.session.ConnectionRegistry connections() {
        return frontend.connections();
    }

    /** What the FE's tablet scheduler loop is doing. */
    public io.tessera.fe.replication.ReplicationActivity replicationActivity() {
        return frontend.replicationActivity();
    }

    public ManualClock clock() {
        return clock;
    }

    public List<ClusterBackend> backends() {
        return backends;
    }

    public ClusterBackend backend(int index) {
        return backends.get(index);
    }

    /**
     * Stops one BE as a crash would look to the FE: its listeners close, so its next heartbeat
     * fails and the FE marks it dead. It stays registered; {@link #close} closes it again harmlessly.
     */
    public void stopBackend(int index) {
        backends.get(index).node().close();
    }

    /**
     * An address in this cluster's block on which nothing listens (no socket, no in-process name):
     * for backends that never answer.
     */
    public String unusedHost(int offset) {
        return addresses.host(200 + offset);
    }

    public String frontendHost() {
        return addresses.frontendHost();
    }

    /** The FE's bound MySQL port. */
    public int queryPort() {
        return frontend.queryPort();
    }

    /** {@code jdbc:mysql://host:port/}: append a database and {@code ?user=root&password=}. */
    public String jdbcUrl() {
        return "jdbc:mysql://" + frontendHost() + ":" + queryPort() + "/";
    }

    /** Milliseconds from the start call until every BE was alive and SHOW BACKENDS answered. */
    public long startMillis() {
        return startMillis;
    }

    /** The temporary folder holding every node's files (deleted on close). */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        root.close();
        stop(frontend, backends, folder);
    }

    private static void stop(Frontend frontend, List<ClusterBackend> backends, Path folder) {
        try {
            if (frontend != null) {
                frontend.close();
            }
        } finally {
            try {
                for (ClusterBackend backend : backends) {
                    backend.node().close();
                }
            } finally {
                TempFolders.deleteTree(folder);
            }
        }
    }
}
