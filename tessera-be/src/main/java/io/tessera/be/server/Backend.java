package io.tessera.be.server;

import io.tessera.be.config.BeConfig;
import io.tessera.be.heartbeat.ClusterBinding;
import io.tessera.be.heartbeat.FrontendLocator;
import io.tessera.be.heartbeat.HeartbeatHandler;
import io.tessera.be.heartbeat.HeartbeatServiceImpl;
import io.tessera.be.heartbeat.NodeInfo;
import io.tessera.be.heartbeat.Refusal;
import io.tessera.be.heartbeat.WatchStreams;
import io.tessera.be.http.BeHttpServer;
import io.tessera.be.report.GrpcReportSender;
import io.tessera.be.report.ReportSender;
import io.tessera.be.report.TabletReporter;
import io.tessera.be.http.ErrorLogHandler;
import io.tessera.be.http.StreamLoadHandler;
import io.tessera.be.load.FrontendLoadClient;
import io.tessera.be.load.LoadErrorLogs;
import io.tessera.be.clone.CloneWorkers;
import io.tessera.be.clone.RowsetSource;
import io.tessera.be.clone.TabletCloner;
import io.tessera.be.load.PeerChannels;
import io.tessera.be.load.StreamLoadExecutor;
import io.tessera.be.service.BackendServiceImpl;
import io.tessera.be.storage.StorageRoot;
import io.tessera.be.storage.compaction.CompactionConfig;
import io.tessera.be.storage.compaction.CompactionPolicy;
import io.tessera.be.storage.compaction.CompactionScheduler;
import io.tessera.be.storage.compaction.Compactor;
import io.tessera.be.storage.scan.TabletScanner;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.common.BoundedExecutors;
import io.tessera.common.Clock;
import io.tessera.common.NamedThreads;
import io.tessera.common.Randomness;
import io.tessera.common.AuthenticatedGrpcTransport;
import io.tessera.common.ClusterAuthInterceptor;
import io.tessera.common.GrpcServer;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.GrpcTransport;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.common.TesseraVersion;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend: opens its storage roots and loads its replicas, then owns its listeners (heartbeats,
 * BackendService on {@code be_port}, HTTP), its scan threads, its background compaction and tablet
 * reports, and its Arrow memory, and their lifecycle. The heartbeat port opens last, after
 * {@code be_port} and the HTTP port, so an FE that reaches a BE finds every port it reports already
 * listening. Tablet reports start with it and go out once a heartbeat has named the FE.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread (close may
 * come from the shutdown hook); the port accessors may be called from any thread after start.
 */
public final class Backend implements AutoCloseable {
    /** The JVM option Apache Arrow's memory layer needs. */
    public static final String ARROW_JVM_OPTION = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static final long STOP_WAIT_MS = 5_000;
    private static final long REPORT_DEADLINE_MS = 10_000;
    /** Heartbeats and watch streams: small, non-blocking calls. */
    private static final int HEARTBEAT_THREADS = 4;

    private final BeConfig config;
    private final long startTimeMs;
    private final List<StorageRoot> roots;
    private final BufferAllocator arrowMemory;
    private final TabletStore tabletStore;
    private final ExecutorService scanExecutor;
    /** Clones onto this backend: Doris's clone_worker_count (3) at once, a few more waiting. */
    private static final int CLONE_THREADS = 3;
    private static final int CLONE_QUEUE_CAPACITY = 16;
    /** Rowset fetches of peers cloning from this backend. */
    private static final int FETCH_THREADS = 3;
    private static final int FETCH_QUEUE_CAPACITY = 16;
    /** A clone's limit when its request gives none: Doris's max_clone_task_timeout_sec (2 h). */
    private static final long DEFAULT_CLONE_TIMEOUT_MS = 2L * 60 * 60 * 1000;
    private final CloneWorkers cloneWorkers;
    private final ExecutorService fetchExecutor;
    private final ClusterBinding binding;
    private final WatchStreams watchStreams;
    private final FrontendLocator frontendLocator = new FrontendLocator();
    private final ScheduledExecutorService compactionExecutor;
    private final CompactionScheduler compactionScheduler;
    private final ScheduledExecutorService reportExecutor;
    private final ReportSender reportSender;
    private final TabletReporter tabletReporter;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    /** BackendService: tablets, loads and scans. */
    private final GrpcServer beServer;
    private final BeHttpServer httpServer;
    /** Channels to other backends and the FE, for Stream Loads. */
    private final PeerChannels peerChannels;
    /** What carries every gRPC listener and channel of this node (Netty in production). */
    private final GrpcTransport transport;
    private volatile GrpcServer heartbeatServer;

    /**
     * Opens (and creates when missing) every storage root, reads its identity files, and loads every
     * replica (verifying every rowset file's checksum). Its gRPC listeners and channels use TLS when
     * be.conf says {@code enable_tls = true}.
     *
     * @param clock the source of the process start time and of trash folder time stamps
     * @throws UncheckedIOException  when a storage root cannot be created or read
     * @throws IllegalArgumentException when {@code enable_tls} is true and its files cannot be used
     * @throws IllegalStateException when the storage roots belong to different clusters, or Arrow's
     *                               memory cannot be used (the JVM lacks the add-opens it needs)
     */
    public Backend(BeConfig config, Clock clock) {
        this(config, clock, NettyGrpcTransport.of(config.internalTls()));
    }

    /**
     * The same, with its gRPC listeners and channels carried by the given transport: what an in-JVM
     * test cluster uses to keep gRPC in memory (the HTTP port stays TCP).
     */
    public Backend(BeConfig config, Clock clock, GrpcTransport transport) {
        this.config = config;
        this.startTimeMs = clock.wallMillis();
        this.roots = openRoots(config.storageRootPaths());
        this.arrowMemory = openArrowMemory(config.arrowMemoryLimitBytes());
        try {
            this.tabletStore = new TabletStore(roots, arrowMemory, config.rowsetCompression(), clock,
                    clock.zone(), UUID::randomUUID, TabletStore::usableBytes, config.compaction().staleKeep());
            this.binding = new ClusterBinding(roots, clock, clock.zone(), tabletStore::moveDataToTrash);
            tabletStore.load();
        } catch (IOException e) {
            arrowMemory.close();
            throw new UncheckedIOException("cannot load the replicas: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arrowMemory.close();
            throw e;
        }
        // Every listener and channel below checks and carries the stored cluster credentials; while
        // the BE is unbound, only the binding heartbeat passes.
        this.transport = new AuthenticatedGrpcTransport(transport, binding::credentials, new ClusterAuthInterceptor(
                binding::credentials, Set.of(HeartbeatServiceGrpc.getHeartbeatMethod().getFullMethodName()),
                reason -> new Refusal(Refusal.INTERNAL_ERROR, reason).render(config.bindAddress().getHostAddress())));
        this.peerChannels = new PeerChannels(this.transport);
        this.watchStreams = new WatchStreams(startTimeMs);
        this.scanExecutor = Executors.newFixedThreadPool(config.scannerThreads(), new NamedThreads("scan"));
        this.cloneWorkers = new CloneWorkers(new TabletCloner(tabletStore, peerChannels, clock, DEFAULT_CLONE_TIMEOUT_MS),
                CLONE_THREADS, CLONE_QUEUE_CAPACITY);
        this.fetchExecutor = BoundedExecutors.fixed("rowset-fetch", FETCH_THREADS, FETCH_QUEUE_CAPACITY);
        this.beServer = new GrpcServer("be_port", config.bindAddress(), config.bePort(), List.of(
                new BackendServiceImpl(tabletStore, new TabletScanner(arrowMemory), scanExecutor, cloneWorkers,
                        new RowsetSource(tabletStore), fetchExecutor)),
                GrpcServerLimits.DEFAULT, this.transport);
        this.reportExecutor = Executors.newSingleThreadScheduledExecutor(new NamedThreads("tablet-report"));
        this.reportSender = new GrpcReportSender(REPORT_DEADLINE_MS, this.transport);
        this.tabletReporter = new TabletReporter(tabletStore, frontendLocator, reportSender, reportExecutor, clock,
                config.reportTabletIntervalMs(), config.bindAddress().getHostAddress(), beServer::port, startTimeMs);
        CompactionConfig compaction = config.compaction();
        this.compactionExecutor = Executors.newScheduledThreadPool(compaction.threads(), new NamedThreads("compaction"));
        this.compactionScheduler = new CompactionScheduler(tabletStore,
                new Compactor(new CompactionPolicy(compaction), arrowMemory, config.rowsetCompression(),
                        UUID::randomUUID, clock),
                compaction.checkIntervalMs(), compactionExecutor, tabletReporter::reportSoon);
        Random random = Randomness.fromEntropy();
        LoadErrorLogs errorLogs = new LoadErrorLogs(roots.get(0).path().resolve("error_log"), clock, random);
        StreamLoadExecutor streamLoads = new StreamLoadExecutor(new FrontendLoadClient(frontendLocator, peerChannels),
                peerChannels, errorLogs, clock, clock.zone(), random);
        this.httpServer = new BeHttpServer(config.bindAddress(), config.webserverPort(),
                new StreamLoadHandler(streamLoads), new ErrorLogHandler(errorLogs), config.httpLimits());
    }

    /**
     * Opens every port; returns once all of them listen.
     *
     * @throws IllegalStateException "port &lt;p&gt; on &lt;addr&gt; is in use by another process" when
     *                               a port is taken (ports opened before it are closed again), or
     *                               when called a second time
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the backend was already started");
        }
        try {
            beServer.start();
            httpServer.start();
            NodeInfo node = new NodeInfo(beServer.port(), httpServer.port(), BeConfig.NO_PORT, BeConfig.NO_PORT,
                    TesseraVersion.version(), startTimeMs, config.nodeRole(),
                    Runtime.getRuntime().availableProcessors(), NodeInfo.physicalMemoryBytes());
            HeartbeatHandler handler = new HeartbeatHandler(config.bindAddress().getHostAddress(), binding, roots,
                    node, shuttingDown::get, frontendLocator::accept);
            GrpcServer heartbeat = new GrpcServer("heartbeat_service_port", config.bindAddress(),
                    config.heartbeatServicePort(), List.of(new HeartbeatServiceImpl(handler, watchStreams)),
                    GrpcServerLimits.DEFAULT.withThreads(HEARTBEAT_THREADS), transport);
            tabletReporter.start();
            if (config.compaction().enabled()) {
                compactionScheduler.start();
            } else {
                LOG.info("automatic compaction is off (disable_auto_compaction = true)");
            }
            heartbeat.start();
            heartbeatServer = heartbeat;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Tessera BE is ready on {}: heartbeat_service_port {}, be_port {}, webserver_port {}, "
                        + "storage {} ({} replicas), cluster id {}, backend id {}, Arrow memory limit {} MiB, "
                        + "rowset compression {}, compaction {}, tablet reports every {} ms",
                config.bindAddress().getHostAddress(), heartbeatPort(), bePort(), webserverPort(), roots,
                tabletStore.replicas().size(), describe(binding.clusterId()), describe(binding.backendId()),
                config.arrowMemoryLimitBytes() >> 20, config.rowsetCompression(), config.compaction(),
                config.reportTabletIntervalMs());
    }

    /** The bound heartbeat port (differs from the config only when it asked for port 0). */
    public int heartbeatPort() {
        GrpcServer server = heartbeatServer;
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The bound {@code be_port}. */
    public int bePort() {
        return beServer.port();
    }

    /** The bound {@code webserver_port}. */
    public int webserverPort() {
        return httpServer.port();
    }

    /** The replicas this BE holds. */
    public TabletStore tabletStore() {
        return tabletStore;
    }

    /** The storage roots, in {@code storage_root_path} order. */
    public List<Path> storageRootPaths() {
        return roots.stream().map(StorageRoot::path).toList();
    }

    /**
     * Stops the BE: heartbeats report shutting_down from now on, every Watch stream is completed (so
     * FEs notice at once), then the listeners close. Safe to call more than once.
     */
    @Override
    public void close() {
        shuttingDown.set(true);
        watchStreams.completeAll();
        GrpcServer heartbeat = heartbeatServer;
        if (heartbeat != null) {
            heartbeat.close();
        }
        tabletReporter.close();
        compactionScheduler.close();
        httpServer.close();
        beServer.close();
        cloneWorkers.close();
        stop(fetchExecutor, "rowset fetches");
        stop(reportExecutor, "tablet reports");
        reportSender.close();
        stop(compactionExecutor, "compactions");
        peerChannels.close();
        stop(scanExecutor, "scans");
        try {
            arrowMemory.close();
        } catch (IllegalStateException e) {
            LOG.warn("Arrow memory still in use at shutdown: {}", e.getMessage());
        }
    }

    private static void stop(ExecutorService executor, String what) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {} ms", what, STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The BE's one Arrow allocator, capped. Allocates a few bytes at once so that a JVM started
     * without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} fails here with a clear message
     * instead of at the first load.
     */
    private static BufferAllocator openArrowMemory(long limitBytes) {
        BufferAllocator allocator = new RootAllocator(limitBytes);
        try {
            allocator.buffer(8).close();
        } catch (RuntimeException | LinkageError e) {
            allocator.close();
            throw new IllegalStateException("Apache Arrow cannot allocate memory (" + e + "); start the BE's JVM "
                    + "with " + ARROW_JVM_OPTION, e);
        }
        return allocator;
    }

    private static List<StorageRoot> openRoots(List<Path> paths) {
        List<StorageRoot> opened = new ArrayList<>();
        for (Path path : paths) {
            try {
                opened.add(StorageRoot.open(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open storage root " + path + ": " + e.getMessage(), e);
            }
        }
        return opened;
    }

    private static String describe(OptionalLong id) {
        return id.isPresent() ? Long.toString(id.getAsLong()) : "(not yet bound)";
    }
}
