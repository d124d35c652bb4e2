package io.tessera.fe.journal;

import io.tessera.common.Clock;
import io.tessera.fe.meta.Journal;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.journal.JournalBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE's durable metadata journal on Apache Ratis: a single-peer Raft group on
 * {@code edit_log_port}, with its log in {@code <meta_dir>/ratis/}. {@link #append} submits a
 * batch through a Raft client; the batch is applied by the {@link JournalStateMachine} before the
 * reply returns, so the future completes only after the state was updated and a statement's OK
 * follows its write. On {@link #open} the state machine loads the newest metadata snapshot and
 * Ratis replays the log entries after it; {@code open} returns only once this peer is the leader
 * and has applied everything, so the first statement sees the recovered state. Snapshots are
 * taken as {@link SnapshotConfig} says, and the log behind them is purged (see
 * {@link JournalStateMachine}).
 *
 * <p>Threading: {@link #append} may be called from any thread (the metadata writer's in practice);
 * the state machine applies on Ratis's updater thread; open and close once each.
 */
public final class RatisJournal implements Journal {
    private static final Logger LOG = LoggerFactory.getLogger(RatisJournal.class);
    /** One group per FE cluster; fixed so that a restarted FE finds its log again. */
    private static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("tessera-metadata".getBytes(StandardCharsets.UTF_8)));
    private static final RaftPeerId PEER_ID = RaftPeerId.valueOf("fe");
    private static final TimeDuration ELECTION_TIMEOUT_MIN = TimeDuration.valueOf(150, TimeUnit.MILLISECONDS);
    private static final TimeDuration ELECTION_TIMEOUT_MAX = TimeDuration.valueOf(300, TimeUnit.MILLISECONDS);
    private static final Duration READY_POLL = Duration.ofMillis(10);

    private final RaftServer server;
    private final RaftClient client;

    private RatisJournal(RaftServer server, RaftClient client) {
        this.server = server;
        this.client = client;
    }

    /**
     * Starts the Raft server, replays the log into {@code dispatcher} and waits until this peer
     * leads the group and has applied every entry.
     *
     * @param storage where the Raft log lives ({@code <meta_dir>/ratis})
     * @param address the FE's bind address
     * @param port    {@code edit_log_port}
     * @param timeout how long to wait for leadership and replay
     */
    public static RatisJournal open(ReplayDispatcher dispatcher, Path storage, InetAddress address, int port,
                                    Duration timeout) {
        return open(dispatcher, storage, address, port, timeout, SnapshotConfig.defaults(), Clock.system());
    }

    /**
     * As {@link #open(ReplayDispatcher, Path, InetAddress, int, Duration)}, with when to take
     * snapshots and the clock that times them.
     *
     * @throws IllegalStateException when the metadata cannot be recovered whole (the message names
     *                               the files), or the journal does not become ready in time
     */
    public static RatisJournal open(ReplayDispatcher dispatcher, Path storage, InetAddress address, int port,
                                    Duration timeout, SnapshotConfig snapshots, Clock clock) {
        long startNs = clock.monotonicNanos();
        String host = address.getHostAddress();
        RaftPeer peer = RaftPeer.newBuilder().setId(PEER_ID).setAddress(hostAndPort(host, port)).build();
        RaftGroup group = RaftGroup.valueOf(GROUP_ID, peer);
        RaftProperties properties = properties(storage, host, port, snapshots);
        boolean existing = Files.isDirectory(storage.resolve(GROUP_ID.getUuid().toString()));
        RaftServer server = null;
        try {
            Files.createDirectories(storage);
            server = RaftServer.newBuilder()
                    .setServerId(PEER_ID)
                    .setGroup(group)
                    .setStateMachine(new JournalStateMachine(dispatcher, snapshots, clock))
                    .setProperties(properties)
                    .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            unrecoverable(e).ifPresent(cause -> {
                throw new IllegalStateException(cause.getMessage(), cause);
            });
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("cannot start the metadata journal on " + hostAndPort(host, port)
                    + " with storage " + storage, (IOException) e);
        }
        RaftClient client = RaftClient.newBuilder().setProperties(properties).setRaftGroup(group).build();
        RatisJournal journal = new RatisJournal(server, client);
        try {
            // Ratis elects and applies on its own threads in real time, whatever clock drives the
            // snapshot policy (a test's manual clock never moves by itself).
            journal.awaitReady(timeout, Clock.system());
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        LOG.info("metadata journal on {} ready in {} ms (log replayed up to index {})", hostAndPort(host, port),
                (clock.monotonicNanos() - startNs) / 1_000_000, journal.info().getLastAppliedIndex());
        return journal;
    }

    private static void closeQuietly(RaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the journal server after a failed start failed", e);
        }
    }

    private static Optional<LogCoverageCheck.UnrecoverableMetadataException> unrecoverable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LogCoverageCheck.UnrecoverableMetadataException unrecoverable) {
                return Optional.of(unrecoverable);
            }
        }
        return Optional.empty();
    }

    private static RaftProperties properties(Path storage, String host, int port, SnapshotConfig snapshots) {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(storage.toFile()));
        GrpcConfigKeys.Server.setHost(properties, host);
        GrpcConfigKeys.Server.setPort(properties, port);
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, ELECTION_TIMEOUT_MIN);
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, ELECTION_TIMEOUT_MAX);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties, ELECTION_TIMEOUT_MIN);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties, ELECTION_TIMEOUT_MAX);
        // Snapshots are triggered by the state machine itself (off the apply thread), and it purges
        // the log through RaftLog.purge; every such call should purge, hence a gap of 1.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, false);
        RaftServerConfigKeys.Log.setPurgeGap(properties, 1);
        SizeInBytes segment = SizeInBytes.valueOf(snapshots.segmentSizeBytes());
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, segment);
        if (segment.getSize() < RaftServerConfigKeys.Log.PREALLOCATED_SIZE_DEFAULT.getSize()) {
            RaftServerConfigKeys.Log.setPreallocatedSize(properties, segment);
        }
        return properties;
    }

    private static String hostAndPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private DivisionInfo info() {
        try {
            return server.getDivision(GROUP_ID).getInfo();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leader-ready means the leader's first entry of its term is applied, and so is every entry before it. */
    private void awaitReady(Duration timeout, Clock clock) {
        long deadline = clock.monotonicNanos() + timeout.toNanos();
        while (!(info().isLeader() && info().isLeaderReady())) {
            if (clock.monotonicNanos() > deadline) {
                throw new IllegalStateException("the metadata journal did not become ready within " + timeout
                        + " (role " + info().getCurrentRole() + ")");
            }
            try {
                clock.sleep(READY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the metadata journal", e);
            }
        }
    }

    @Override
    public long lastAppliedIndex() {
        return info().getLastAppliedIndex();
    }

    @Override
    public CompletableFuture<Void> append(JournalBatch batch) {
        return client.async().send(Message.valueOf(ByteString.copyFrom(batch.toByteArray())))
                .thenApply(RatisJournal::requireSuccess);
    }

    private static Void requireSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new IllegalStateException("journal append failed: " + reply.getException(), reply.getException());
        }
        return null;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("closing the journal client failed", e);
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the journal server failed", e);
        }
    }
}
