package io.tessera.fe.cluster;

import io.tessera.proto.journal.JournalRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The cluster at one instant: every registered backend (hard state, from the registry) with what
 * heartbeats last said about it (soft state), and the named rules that decide what a backend may
 * do: hold a new replica, coordinate a load, serve a query, take a publish, be a clone source or a
 * clone destination. Placement, load routing, scans, tablet health, the replica inspections and
 * the tablet scheduler all ask these predicates, so each rule lives in one place and one decision
 * never mixes two moments of the cluster.
 *
 * <p>The rules are Doris's ({@code Backend.isScheduleAvailable}, {@code isQueryAvailable},
 * {@code isLoadAvailable}, the storage watermarks), with Tessera's additions noted on each. An id
 * that is not registered (dropped, or never added) is dead for every predicate.
 *
 * <p>Threading: immutable; build one per decision with {@link #of} (one pass over the registered
 * backends) and share it between threads freely.
 */
public final class ClusterView {
    private final BackendRegistry.Snapshot registry;
    private final Map<Long, BackendRuntime> runtimeById;
    private final StorageWatermarks watermarks;

    private ClusterView(BackendRegistry.Snapshot registry, Map<Long, BackendRuntime> runtimeById,
                        StorageWatermarks watermarks) {
        this.registry = registry;
        this.runtimeById = runtimeById;
        this.watermarks = watermarks;
    }

    /**
     * Captures the runtime of every registered backend now, so later changes to the liveness state
     * do not show through.
     *
     * @param runtime what heartbeats taught the FE about a backend id; never null
     */
    public static ClusterView of(BackendRegistry.Snapshot registry, LongFunction<BackendRuntime> runtime) {
        Map<Long, BackendRuntime> runtimeById = new HashMap<>();
        for (Backend backend : registry.backends()) {
            runtimeById.put(backend.id(), Objects.requireNonNull(runtime.apply(backend.id()),
                    () -> "no runtime for backend " + backend.id()));
        }
        return new ClusterView(registry, Map.copyOf(runtimeById), StorageWatermarks.DORIS_DEFAULTS);
    }

    /** The same view judging disk room by {@code watermarks} (the runtime config's, when it differs). */
    public ClusterView withWatermarks(StorageWatermarks watermarks) {
        return watermarks.equals(this.watermarks) ? this : new ClusterView(registry, runtimeById, watermarks);
    }

    /**
     * The cluster as {@code records} (registry records: a DROPP's, a DECOMMISSION's) would leave it,
     * with today's liveness: the registry they leave behind ({@link BackendRegistry#simulate}, the
     * journal's own replay on a scratch copy) under {@link #withRegistry}. Changes nothing.
     */
    public ClusterView afterReplaying(List<JournalRecord> records) {
        return withRegistry(BackendRegistry.simulate(registry, records));
    }

    /**
     * The same liveness over another registry (a hypothetical one, see
     * {@link BackendRegistry#simulate}): backends missing from {@code other} are not registered in
     * the result, whatever heartbeats said of them; ones new to it are never contacted.
     */
    public ClusterView withRegistry(BackendRegistry.Snapshot other) {
        Map<Long, BackendRuntime> kept = new HashMap<>();
        for (Backend backend : other.backends()) {
            kept.put(backend.id(), runtime(backend.id()));
        }
        return new ClusterView(other, Map.copyOf(kept), watermarks);
    }

    /** The watermarks {@link #hasStorageRoom} judges by. */
    public StorageWatermarks watermarks() {
        return watermarks;
    }

    /** Builds a fresh view from the current registry snapshot and liveness state on each call. */
    public static Supplier<ClusterView> source(Supplier<BackendRegistry.Snapshot> registry,
                                               LongFunction<BackendRuntime> runtime) {
        Objects.requireNonNull(registry, "registry is null");
        Objects.requireNonNull(runtime, "runtime is null");
        return () -> of(registry.get(), runtime);
    }

    /** The registry this view was built on. */
    public BackendRegistry.Snapshot registry() {
        return registry;
    }

    /** Every registered backend, in the registry's order (by id). */
    public Collection<Backend> backends() {
        return registry.backends();
    }

    public Optional<Backend> backend(long backendId) {
        return registry.backend(backendId);
    }

    /** What heartbeats said about the backend; {@link BackendRuntime#NEVER_CONTACTED} when not registered. */
    public BackendRuntime runtime(long backendId) {
        return runtimeById.getOrDefault(backendId, BackendRuntime.NEVER_CONTACTED);
    }

    public boolean isRegistered(long backendId) {
        return runtimeById.containsKey(backendId);
    }

    /** Registered and alive by its heartbeats. A replica on it is readable and counts for health. */
    public boolean isAlive(long backendId) {
        return isRegistered(backendId) && runtime(backendId).alive();
    }

    /**
     * Alive and not decommissioned: Doris's {@code isScheduleAvailable}. A replica here is
     * "stable"; one on a decommissioned backend must move.
     */
    public boolean isScheduleAvailable(long backendId) {
        return isAlive(backendId) && !backend(backendId).orElseThrow().decommissioned();
    }

    /**
     * May receive a replica of a new tablet: schedule-available and not shutting down (Tessera's
     * addition: a backend stopping gracefully takes no new work). Like Doris's replica creation,
     * {@code disable_load} does not matter, and disks are not looked at (see
     * {@link #hasStorageRoom}); the location tag is the placer's to match.
     */
    public boolean canHoldNewReplica(long backendId) {
        return isScheduleAvailable(backendId) && !runtime(backendId).shuttingDown();
    }

    /** Its disks may take more data by this view's {@link StorageWatermarks} (Doris's defaults unless given). */
    public boolean hasStorageRoom(long backendId) {
        return isRegistered(backendId) && watermarks.hasRoom(runtime(backendId));
    }

    /** May serve scans: alive and without {@code disable_query} (Doris's {@code isQueryAvailable}). */
    public boolean canServeQuery(long backendId) {
        return isAlive(backendId) && !backend(backendId).orElseThrow().queryDisabled();
    }

    /**
     * May coordinate a Stream Load (the redirect target): alive, without {@code disable_load}
     * (Doris's {@code isLoadAvailable}), and, as Tessera adds, not shutting down, not
     * decommissioned and with a known web server port to redirect to.
     */
    public boolean canCoordinateLoad(long backendId) {
        if (!isAlive(backendId)) {
            return false;
        }
        Backend backend = backend(backendId).orElseThrow();
        BackendRuntime state = runtime(backendId);
        return !state.shuttingDown() && !backend.decommissioned() && !backend.loadDisabled() && state.httpPort() > 0;
    }

    /** Can take a publish (or any call on its data port) now: alive with its {@code be_port} known. */
    public boolean canTakePublish(long backendId) {
        return isAlive(backendId) && runtime(backendId).bePort() > 0;
    }

    /**
     * May be a clone's source: alive, decommissioned or not (Doris clones off a decommissioning
     * backend), and holding a healthy replica.
     *
     * @param replicaHealthy the caller's verdict on the replica: version-complete, not bad, not missing
     */
    public boolean canBeCloneSource(long backendId, boolean replicaHealthy) {
        return replicaHealthy && isAlive(backendId);
    }

    /**
     * May receive a clone of a tablet: it could hold a new replica, it is in the replica's
     * location, it has storage room, and no replica of the tablet sits on its host.
     *
     * @param location                  the location tag the missing replica belongs to
     * @param hostsAlreadyHoldingTablet hosts of the tablet's current replicas
     */
    public boolean canBeCloneDestination(long backendId, String location, Set<String> hostsAlreadyHoldingTablet) {
        if (!canHoldNewReplica(backendId) || !hasStorageRoom(backendId)) {
            return false;
        }
        Backend backend = backend(backendId).orElseThrow();
        return backend.location().equals(location) && !hostsAlreadyHoldingTablet.contains(backend.host());
    }

    /** Backends that {@link #canHoldNewReplica}, in the registry's order. */
    public List<Backend> newReplicaCandidates() {
        return matching(this::canHoldNewReplica);
    }

    /** Backends that {@link #canCoordinateLoad}, by id. */
    public List<Backend> loadCoordinators() {
        return matching(this::canCoordinateLoad).stream().sorted(Comparator.comparingLong(Backend::id)).toList();
    }

    /** Backends that {@link #canBeCloneDestination}, in the registry's order. */
    public List<Backend> cloneDestinations(String location, Set<String> hostsAlreadyHoldingTablet) {
        return matching(id -> canBeCloneDestination(id, location, hostsAlreadyHoldingTablet));
    }

    private List<Backend> matching(LongPredicate rule) {
        return registry.backends().stream().filter(backend -> rule.test(backend.id())).toList();
    }
}
