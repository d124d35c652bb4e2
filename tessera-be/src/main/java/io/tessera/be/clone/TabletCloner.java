package io.tessera.be.clone;

import io.tessera.be.load.PeerChannels;
import io.tessera.be.storage.BackendFailure;
import io.tessera.be.storage.StorageRoot;
import io.tessera.be.storage.tablet.ClonedReplica;
import io.tessera.be.storage.tablet.Replica;
import io.tessera.be.storage.tablet.ReplicaStatus;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.common.Clock;
import io.tessera.proto.backend.BackendServiceGrpc.BackendServiceBlockingStub;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.RowsetsHeader;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.tablet.RowsetMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination's side of one clone, start to end: stages the source replica's published
 * rowsets (the whole replica first), then catches up — asks the source again for the versions
 * after the one reached, taking the whole replica again when a compaction merged across that
 * point — until a round brings nothing new (or {@value #MAX_CATCH_UP_ROUNDS} rounds have run), so
 * versions published during the copy are in. The replica must then hold at least the version
 * asked for; it is installed under the new replica id through {@link TabletStore#installClone}.
 * On any failure the staging folder is removed; nothing is installed. A request for a replica this
 * backend already holds under that id, behind the version asked for, is an in-place catch-up
 * instead: only the versions after its own are fetched and appended ({@link Replica#catchUp}).
 *
 * <p>Threading: stateless apart from its collaborators; each clone runs on one worker thread of
 * {@link CloneWorkers}, which never runs two clones of one tablet at once.
 */
public final class TabletCloner {
    private static final Logger LOG = LoggerFactory.getLogger(TabletCloner.class);
    static final int MAX_CATCH_UP_ROUNDS = 8;

    private final TabletStore store;
    private final PeerChannels peers;
    private final RowsetFetcher fetcher = new RowsetFetcher();
    private final Clock clock;
    private final long defaultTimeoutMs;

    /**
     * @param defaultTimeoutMs how long a clone may take when its request gives no timeout
     */
    public TabletCloner(TabletStore store, PeerChannels peers, Clock clock, long defaultTimeoutMs) {
        this.store = store;
        this.peers = peers;
        this.clock = clock;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /**
     * Clones the request's source replica here.
     *
     * @throws io.tessera.common.TesseraException with the failure's status code (ALREADY_EXISTS when
     *         this backend holds the tablet as another replica, CORRUPTED for a damaged transfer,
     *         CONFLICT when the source is below the version asked for)
     */
    public CloneResult clone(CloneTabletRequest request) throws IOException {
        String name = "clone of tablet " + request.getTabletId() + " replica " + request.getSourceReplicaId() + " from "
                + request.getSourceHost() + ":" + request.getSourceBePort() + " as replica " + request.getReplicaId();
        long timeoutMs = request.getTimeoutMs() > 0 ? request.getTimeoutMs() : defaultTimeoutMs;
        long deadlineNanos = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Optional<Replica> held = store.replica(request.getTabletId());
        if (held.isPresent()) {
            if (held.get().replicaId() != request.getReplicaId()) {
                throw new BackendFailure(StatusCode.ALREADY_EXISTS, "tablet " + request.getTabletId()
                        + " is already held here as replica " + held.get().replicaId());
            }
            ReplicaStatus status = held.get().status();
            if (status.version() >= request.getVersion()) {
                LOG.info("{}: already held at version {}", name, status.version());
                return new CloneResult(status.version(), status.rowCount(), status.dataBytes());
            }
            return catchUp(held.get(), request, name, deadlineNanos);
        }
        StorageRoot root = store.rootForNewReplica();
        Path staging = CloneStaging.create(root, request.getTabletId(), request.getReplicaId());
        boolean installed = false;
        try {
            BackendServiceBlockingStub stub = peers.backendBlocking(request.getSourceHost(), request.getSourceBePort());
            RowsetsHeader whole = fetch(stub, request, 0, staging, deadlineNanos);
            if (!whole.getSchema().equals(request.getSchema())) {
                throw new BackendFailure(StatusCode.CONFLICT, name + ": the source replica has another schema");
            }
            long createdVersion = whole.getCreatedVersion();
            long version = whole.getVersion();
            List<RowsetMeta> rowsets = new ArrayList<>(whole.getRowsetsList());
            LOG.info("{}: fetched {} rowsets up to version {}", name, rowsets.size(), version);
            for (int round = 1; round <= MAX_CATCH_UP_ROUNDS; round++) {
                RowsetsHeader more = fetch(stub, request, version, staging, deadlineNanos);
                if (more.getWholeReplica()) {
                    LOG.info("{}: the source compacted across version {}; fetched the whole replica again up to "
                            + "version {}", name, version, more.getVersion());
                    rowsets.clear();
                    createdVersion = more.getCreatedVersion();
                } else if (more.getRowsetsCount() == 0) {
                    break;
                } else {
                    LOG.info("{}: caught up from version {} to {}", name, version, more.getVersion());
                }
                rowsets.addAll(more.getRowsetsList());
                version = more.getVersion();
            }
            if (version < request.getVersion()) {
                throw new BackendFailure(StatusCode.CONFLICT, name + ": the source replica is at version " + version
                        + ", below version " + request.getVersion() + " asked for");
            }
            Replica replica = store.installClone(root, staging, new ClonedReplica(request.getTabletId(),
                    request.getReplicaId(), request.getTableId(), request.getPartitionId(), request.getSchema(),
                    createdVersion, version, rowsets));
            installed = true;
            ReplicaStatus status = replica.status();
            return new CloneResult(status.version(), status.rowCount(), status.dataBytes());
        } finally {
            if (!installed) {
                try {
                    CloneStaging.deleteTree(staging);
                } catch (IOException e) {
                    // The next start removes it.
                    LOG.warn("{}: cannot remove the staging folder {}: {}", name, staging, e.toString());
                }
            }
        }
    }

    private RowsetsHeader fetch(BackendServiceBlockingStub stub, CloneTabletRequest request, long afterVersion,
                                Path staging, long deadlineNanos) throws IOException {
        return fetcher.fetch(stub, request.getTabletId(), request.getSourceReplicaId(), afterVersion, staging,
                deadlineNanos - clock.monotonicNanos());
    }

    /**
     * The in-place catch-up of a replica this backend holds under the request's replica id but
     * behind the version asked for (it missed loads, e.g. ones that began before it was placed):
     * the versions after its own are fetched from the source and appended
     * ({@link Replica#catchUp}), round by round until nothing new comes. A source that compacted
     * across the replica's version cannot serve a catch-up: the FE then clones the tablet whole.
     */
    private CloneResult catchUp(Replica replica, CloneTabletRequest request, String name, long deadlineNanos)
            throws IOException {
        Path staging = CloneStaging.create(store.rootOf(replica), request.getTabletId(), request.getReplicaId());
        try {
            BackendServiceBlockingStub stub = peers.backendBlocking(request.getSourceHost(), request.getSourceBePort());
            long version = replica.status().version();
            for (int round = 1; round <= MAX_CATCH_UP_ROUNDS; round++) {
                RowsetsHeader more = fetcher.fetch(stub, request.getTabletId(), request.getSourceReplicaId(), version,
                        true, staging, deadlineNanos - clock.monotonicNanos());
                if (more.getWholeReplica()) {
                    throw new BackendFailure(StatusCode.CONFLICT, name + ": the source starts after version "
                            + version + "; the replica needs a whole clone");
                }
                if (more.getRowsetsCount() == 0) {
                    break;
                }
                version = replica.catchUp(staging, more.getRowsetsList());
                CloneStaging.clear(staging);
            }
            if (version < request.getVersion()) {
                throw new BackendFailure(StatusCode.CONFLICT, name + ": caught up to version " + version + " only, below "
                        + "version " + request.getVersion() + " asked for");
            }
            ReplicaStatus status = replica.status();
            return new CloneResult(status.version(), status.rowCount(), status.dataBytes());
        } finally {
            try {
                CloneStaging.deleteTree(staging);
            } catch (IOException e) {
                LOG.warn("{}: cannot remove the staging folder {}: {}", name, staging, e.toString());
            }
        }
    }
}
