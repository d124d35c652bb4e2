package io.tessera.be.server;

import io.tessera.be.config.BeConfig;
import io.tessera.be.heartbeat.ClusterBinding;
import io.tessera.be.heartbeat.HeartbeatHandler;
import io.tessera.be.heartbeat.HeartbeatServiceImpl;
import io.tessera.be.heartbeat.NodeInfo;
import io.tessera.be.heartbeat.WatchStreams;
import io.tessera.be.http.BeHttpServer;
import io.tessera.be.storage.StorageRoot;
import io.tessera.common.Clock;
import io.tessera.common.GrpcServer;
import io.tessera.common.TesseraVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend: opens its storage roots, then owns its listeners and their lifecycle. The heartbeat
 * port opens last, after {@code be_port} and the HTTP port, so an FE that reaches a BE finds every
 * port it reports already listening.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread (close may
 * come from the shutdown hook); the port accessors may be called from any thread after start.
 */
public final class Backend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    private final BeConfig config;
    private final long startTimeMs;
    private final List<StorageRoot> roots;
    private final ClusterBinding binding;
    private final WatchStreams watchStreams;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    // Tablet, load, scan and clone services arrive with the next issue; until then be_port listens
    // (so the port the BE reports is real) and answers every call with UNIMPLEMENTED.
    private final GrpcServer beServer;
    private final BeHttpServer httpServer;
    private volatile GrpcServer heartbeatServer;

    /**
     * Opens (and creates when missing) every storage root and reads its identity files.
     *
     * @param clock the source of the process start time and of trash folder time stamps
     * @throws UncheckedIOException  when a storage root cannot be created or read
     * @throws IllegalStateException when the storage roots belong to different clusters
     */
    public Backend(BeConfig config, Clock clock) {
        this.config = config;
        this.startTimeMs = clock.wallMillis();
        this.roots = openRoots(config.storageRootPaths());
        this.binding = new ClusterBinding(roots, clock, ZoneId.systemDefault());
        this.watchStreams = new WatchStreams(startTimeMs);
        this.beServer = new GrpcServer("be_port", config.bindAddress(), config.bePort(), List.of());
        this.httpServer = new BeHttpServer(config.bindAddress(), config.webserverPort());
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
                    node, shuttingDown::get);
            GrpcServer heartbeat = new GrpcServer("heartbeat_service_port", config.bindAddress(),
                    config.heartbeatServicePort(), List.of(new HeartbeatServiceImpl(handler, watchStreams)));
            heartbeat.start();
            heartbeatServer = heartbeat;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Tessera BE is ready on {}: heartbeat_service_port {}, be_port {}, webserver_port {}, "
                        + "storage {}, cluster id {}, backend id {}", config.bindAddress().getHostAddress(),
                heartbeatPort(), bePort(), webserverPort(), roots, describe(binding.clusterId()),
                describe(binding.backendId()));
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
        httpServer.close();
        beServer.close();
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
