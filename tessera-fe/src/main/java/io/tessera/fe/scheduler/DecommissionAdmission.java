package io.tessera.fe.scheduler;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.ReplicaAllocations;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.StorageWatermarks;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether ALTER SYSTEM DECOMMISSION BACKEND may mark the given backends: the statement is refused
 * when the relocation it starts could never finish, so an operator learns it at once instead of
 * watching a decommission that never ends.
 *
 * <p>Two checks, in this order:
 * <ol>
 *   <li>Doris's ({@code SystemHandler.checkDecommissionWithReplicaAllocation}): for each location
 *   tag of a backend being decommissioned, the hosts that stay usable, i.e. backends that
 *   {@link ClusterView#canHoldNewReplica} (alive, not decommissioned, not shutting down) and are not
 *   in the list, counted once per host because a tablet's replicas sit on distinct hosts. Every
 *   partition of every table outside {@code information_schema} and {@code mysql} that wants more
 *   replicas on that tag than there are such hosts refuses the statement, with Doris's message.</li>
 *   <li>Tessera's addition: free space. The tablet data of the backends being decommissioned
 *   ({@link BackendRuntime#dataUsedBytes}, summed per location tag) is assumed to spread evenly over
 *   the usable backends that stay in that tag (a deliberately simple estimate: it ignores which
 *   tablets already have a replica on which receiver). A receiver whose share is more than the
 *   bytes it can take before its disks pass the high watermark
 *   ({@link StorageWatermarks#bytesBelowHighWatermark}, by the view's watermarks, which the caller
 *   takes from the runtime config) refuses the statement. Sizes a backend has not reported yet
 *   (no total capacity, or Doris's placeholder of 1 available byte, as after an FE restart) are not
 *   guessed: such a receiver is not checked, and such a leaving backend adds no bytes, so unknown
 *   sizes never refuse a decommission.</li>
 * </ol>
 *
 * <p>Threading: pure and stateless; the metadata writer calls it with the state the DECOMMISSION
 * record will apply to.
 */
public final class DecommissionAdmission {
    /** Doris's system databases, which hold no replicas and are never checked. */
    private static final Set<String> SKIPPED_DATABASES = Set.of("information_schema", "mysql");

    private DecommissionAdmission() {
    }

    /** Throws the refusal of {@link #refusal}, if any. */
    public static void check(CatalogSnapshot catalog, ClusterView cluster, List<Backend> leaving) {
        Optional<TesseraException> refusal = refusal(catalog, cluster, leaving);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * Why decommissioning {@code leaving} must be refused, or empty when it may go ahead.
     *
     * @param cluster its {@link ClusterView#watermarks} are the ones in force (see
     *                {@link StorageRoom#watermarks})
     * @param leaving the backends that would become decommissioned; none when all named ones already
     *                are, and then nothing is checked
     */
    public static Optional<TesseraException> refusal(CatalogSnapshot catalog, ClusterView cluster,
                                                     List<Backend> leaving) {
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        Optional<TesseraException> replicas = replicaAllocationRefusal(catalog, cluster, leaving);
        return replicas.isPresent() ? replicas : storageRefusal(cluster, leaving);
    }

    private static Optional<TesseraException> replicaAllocationRefusal(CatalogSnapshot catalog, ClusterView cluster,
                                                                       List<Backend> leaving) {
        Set<String> checkedLocations = leaving.stream().map(Backend::location)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Integer> remainingHosts = remainingHostsByLocation(cluster, ids(leaving));
        for (DatabaseEntry database : new TreeMap<>(catalog.databases()).values()) {
            if (SKIPPED_DATABASES.contains(database.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TagReplicaCount wanted : table.getReplicaAllocationList()) {
                        if (!checkedLocations.contains(wanted.getLocation())) {
                            continue;
                        }
                        int available = remainingHosts.getOrDefault(wanted.getLocation(), 0);
                        if (wanted.getCount() > available) {
                            return Optional.of(new TesseraException(ErrorCode.BAD_STATEMENT,
                                    "After decommission, partition " + partition.getName() + " of table "
                                            + database.name() + "." + table.getName()
                                            + " 's replication allocation { " + ReplicaAllocations.display(table)
                                            + " } > available backend num " + available + " on tag "
                                            + BackendTags.toDisplayJson(Map.of(BackendTags.LOCATION,
                                                    wanted.getLocation()))
                                            + ", otherwise need to decrease the partition's replication num."));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Distinct hosts per location among the backends that stay usable. Dead ones do not count. */
    private static Map<String, Integer> remainingHostsByLocation(ClusterView cluster, Set<Long> leavingIds) {
        Map<String, Set<String>> hosts = new HashMap<>();
        for (Backend backend : receivers(cluster, leavingIds)) {
            hosts.computeIfAbsent(backend.location(), location -> new HashSet<>()).add(backend.host());
        }
        Map<String, Integer> counts = new HashMap<>();
        hosts.forEach((location, names) -> counts.put(location, names.size()));
        return counts;
    }

    private static Optional<TesseraException> storageRefusal(ClusterView cluster, List<Backend> leaving) {
        Map<String, Long> leavingBytesByLocation = new LinkedHashMap<>();
        for (Backend backend : leaving) {
            leavingBytesByLocation.merge(backend.location(), knownDataBytes(cluster.runtime(backend.id())), Long::sum);
        }
        List<Backend> stay = receivers(cluster, ids(leaving));
        StorageWatermarks watermarks = cluster.watermarks();
        for (Map.Entry<String, Long> entry : leavingBytesByLocation.entrySet()) {
            long leavingBytes = entry.getValue();
            List<Backend> receivers = stay.stream().filter(b -> b.location().equals(entry.getKey())).toList();
            if (leavingBytes <= 0 || receivers.isEmpty()) {
                continue;
            }
            long shareBytes = (leavingBytes + receivers.size() - 1) / receivers.size();
            for (Backend receiver : receivers) {
                BackendRuntime runtime = cluster.runtime(receiver.id());
                if (!sizesKnown(runtime)) {
                    continue;
                }
                long roomBytes = watermarks.bytesBelowHighWatermark(runtime);
                if (shareBytes > roomBytes) {
                    return Optional.of(new TesseraException(ErrorCode.CONFLICT, "Cannot decommission "
                            + names(leaving) + ": backend " + receiver.id() + " (" + receiver.hostPort()
                            + ") would receive about " + shareBytes + " bytes but has " + roomBytes
                            + " bytes below the high watermark (storage_high_watermark_usage_percent "
                            + watermarks.highUsagePercent() + ", storage_min_left_capacity_bytes "
                            + watermarks.minLeftCapacityBytes() + "); estimate: the " + leavingBytes
                            + " bytes of tablet data on the decommissioned backends with tag location "
                            + entry.getKey() + " spread evenly over the " + receivers.size()
                            + " usable backend(s) that stay in it"));
                }
            }
        }
        return Optional.empty();
    }

    /** Backends that stay and may take new replicas, in the registry's order. */
    private static List<Backend> receivers(ClusterView cluster, Set<Long> leavingIds) {
        List<Backend> receivers = new ArrayList<>();
        for (Backend backend : cluster.backends()) {
            if (!leavingIds.contains(backend.id()) && cluster.canHoldNewReplica(backend.id())) {
                receivers.add(backend);
            }
        }
        return receivers;
    }

    /** A disk size report has arrived: a capacity, and not Doris's 1-byte "available" placeholder. */
    private static boolean sizesKnown(BackendRuntime runtime) {
        return runtime.totalBytes() > 0 && runtime.availableBytes() > 1;
    }

    /** The backend's tablet data, 0 when it has reported no sizes (unknown bytes are not guessed). */
    private static long knownDataBytes(BackendRuntime runtime) {
        return sizesKnown(runtime) ? Math.max(0, runtime.dataUsedBytes()) : 0;
    }

    private static Set<Long> ids(List<Backend> backends) {
        return backends.stream().map(Backend::id).collect(Collectors.toSet());
    }

    private static String names(List<Backend> leaving) {
        String ids = leaving.stream().map(backend -> Long.toString(backend.id())).collect(Collectors.joining(", "));
        return (leaving.size() == 1 ? "backend " : "backends ") + ids;
    }
}
