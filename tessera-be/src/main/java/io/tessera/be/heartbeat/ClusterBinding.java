package io.tessera.be.heartbeat;

import io.tessera.be.storage.StorageRoot;
import io.tessera.be.storage.TrashMove;
import io.tessera.common.Clock;
import io.tessera.common.ClusterAuthInterceptor;
import io.tessera.common.ClusterCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties this BE to one cluster and one backend id, on every storage root, so that a BE never joins a
 * second cluster and a removed backend never serves stale data.
 *
 * <ul>
 *   <li>The first heartbeat stores the FE's cluster id and token on every root; later heartbeats
 *       from another cluster, or with another token, are refused with Doris's messages (without the
 *       stored or the received values). The stored pair is also what every internal call of this BE
 *       carries and expects ({@link #credentials}).</li>
 *   <li>The first heartbeat stores the backend id. A heartbeat with a different id means the same
 *       host:port was dropped and added again: every root's {@code data/} moves to
 *       {@code trash/<yyyyMMddHHmmss>-backend-<oldId>/}, then the new id is stored, and one INFO line
 *       says so. Data moves before the id is written, so a crash in between leaves the old id with
 *       empty data, which the next heartbeat finishes.</li>
 * </ul>
 *
 * <p>Threading: thread-safe; heartbeats can arrive concurrently (FE retries), so {@link #bind} is
 * synchronized.
 */
public final class ClusterBinding {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBinding.class);
    private static final DateTimeFormatter TRASH_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final List<StorageRoot> roots;
    private final Clock clock;
    private final DateTimeFormatter trashStamp;
    private final TrashMover trashMover;
    /** The stored identity as credentials; replaced under the lock, read without it. */
    private volatile Optional<ClusterCredentials> credentials;

    /** Moves a root's {@code data/} to trash (the tablet store does it, so it forgets those replicas too). */
    @FunctionalInterface
    public interface TrashMover {
        TrashMove moveDataToTrash(StorageRoot root, String folderName) throws IOException;
    }

    /**
     * @param roots every storage root, already opened
     * @param clock the source of trash folder time stamps
     * @param zone  the zone trash folder time stamps are written in
     * @throws IllegalStateException when the roots belong to different clusters
     */
    public ClusterBinding(List<StorageRoot> roots, Clock clock, ZoneId zone) {
        this(roots, clock, zone, (root, folderName) -> root.moveDataToTrash(folderName));
    }

    /**
     * @param roots      every storage root, already opened
     * @param clock      the source of trash folder time stamps
     * @param zone       the zone trash folder time stamps are written in
     * @param trashMover moves a root's data to trash when the backend id changes
     * @throws IllegalStateException when the roots belong to different clusters
     */
    public ClusterBinding(List<StorageRoot> roots, Clock clock, ZoneId zone, TrashMover trashMover) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no storage root");
        }
        this.roots = List.copyOf(roots);
        this.clock = clock;
        this.trashStamp = TRASH_STAMP.withZone(zone);
        this.trashMover = trashMover;
        Set<Long> clusters = new TreeSet<>();
        for (StorageRoot root : roots) {
            root.clusterId().ifPresent(clusters::add);
        }
        if (clusters.size() > 1) {
            throw new IllegalStateException("storage roots belong to different clusters: " + roots.stream()
                    .map(root -> root.path() + " cluster_id=" + describe(root.clusterId()))
                    .collect(Collectors.joining(", ")));
        }
        synchronized (this) {
            this.credentials = readCredentials();
        }
    }

    /** The cluster this BE belongs to; empty before its first heartbeat. */
    public synchronized OptionalLong clusterId() {
        for (StorageRoot root : roots) {
            if (root.clusterId().isPresent()) {
                return root.clusterId();
            }
        }
        return OptionalLong.empty();
    }

    /** The backend id the first storage root was last bound to; empty before the first heartbeat. */
    public synchronized OptionalLong backendId() {
        return roots.get(0).backendId();
    }

    /**
     * Checks one heartbeat's identity and, when it is accepted, stores what is new.
     *
     * @param clusterId the FE's cluster id (positive)
     * @param token     the FE's cluster token
     * @param backendId the id the FE registered this BE under; 0 when the heartbeat carries none
     * @return empty when accepted, else why not
     * @throws UncheckedIOException when an identity file cannot be written
     */
    public synchronized Optional<Refusal> bind(long clusterId, String token, long backendId) {
        if (clusterId <= 0) {
            return Optional.of(new Refusal(Refusal.INVALID_ARGUMENT, "heartbeat carries no cluster id"));
        }
        OptionalLong storedCluster = clusterId();
        // Doris's texts, without the values: a refusal reaches whoever sent the heartbeat, and the log.
        if (storedCluster.isPresent() && storedCluster.getAsLong() != clusterId) {
            return Optional.of(new Refusal(Refusal.INTERNAL_ERROR, ClusterAuthInterceptor.INVALID_CLUSTER_ID));
        }
        Optional<String> storedToken = storedToken();
        if (storedCluster.isPresent() && storedToken.isPresent()
                && !ClusterCredentials.constantTimeEquals(storedToken.get(), token)) {
            return Optional.of(new Refusal(Refusal.INTERNAL_ERROR, ClusterAuthInterceptor.INVALID_TOKEN));
        }
        try {
            Set<StorageRoot> firstBound = new LinkedHashSet<>(bindCluster(clusterId, token));
            if (backendId > 0) {
                firstBound.addAll(bindBackend(backendId));
            }
            credentials = readCredentials();
            if (!firstBound.isEmpty()) {
                LOG.info("bound to cluster {} as backend {}: identity stored on {}", clusterId,
                        backendId > 0 ? Long.toString(backendId) : "(no id yet)", firstBound);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /**
     * The credentials this BE's calls carry and its listeners expect: the stored cluster id and
     * token; empty until the binding heartbeat. Read on every call, so it takes no lock.
     */
    public Optional<ClusterCredentials> credentials() {
        return credentials;
    }

    private Optional<ClusterCredentials> readCredentials() {
        OptionalLong cluster = clusterId();
        Optional<String> token = storedToken();
        if (cluster.isEmpty() || token.isEmpty() || cluster.getAsLong() <= 0 || token.get().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ClusterCredentials(cluster.getAsLong(), token.get()));
    }

    private Optional<String> storedToken() {
        for (StorageRoot root : roots) {
            if (root.clusterId().isPresent() && root.token().isPresent()) {
                return root.token();
            }
        }
        return Optional.empty();
    }

    /** Stores the cluster on roots that lack it; returns those roots. */
    private List<StorageRoot> bindCluster(long clusterId, String token) throws IOException {
        List<StorageRoot> stored = new ArrayList<>();
        for (StorageRoot root : roots) {
            if (root.clusterId().isEmpty() || root.token().isEmpty()) {
                root.storeCluster(clusterId, token);
                stored.add(root);
            }
        }
        return stored;
    }

    /**
     * Stores the backend id where it differs, moving data written under another id to trash first,
     * and logs one line when data was moved; returns the roots that had no id before.
     */
    private List<StorageRoot> bindBackend(long backendId) throws IOException {
        Set<Long> oldIds = new TreeSet<>();
        List<StorageRoot> first = new ArrayList<>();
        int movedReplicaFolders = 0;
        List<String> trashFolders = new ArrayList<>();
        for (StorageRoot root : roots) {
            OptionalLong stored = root.backendId();
            if (stored.isPresent() && stored.getAsLong() == backendId) {
                continue;
            }
            if (stored.isPresent()) {
                long oldId = stored.getAsLong();
                String folder = trashStamp.format(Instant.ofEpochMilli(clock.wallMillis())) + "-backend-" + oldId;
                TrashMove move = trashMover.moveDataToTrash(root, folder);
                movedReplicaFolders += move.replicaFolders();
                trashFolders.add(move.trashFolder().toString());
                oldIds.add(oldId);
            } else {
                first.add(root);
            }
            root.storeBackendId(backendId);
        }
        if (!oldIds.isEmpty()) {
            LOG.info("backend id changed from {} to {}: moved {} replica folders to trash ({})",
                    oldIds.stream().map(String::valueOf).collect(Collectors.joining(",")), backendId,
                    movedReplicaFolders, String.join(", ", trashFolders));
        }
        return first;
    }

    private static String describe(OptionalLong id) {
        return id.isPresent() ? Long.toString(id.getAsLong()) : "(none)";
    }
}
