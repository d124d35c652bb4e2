package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.replication.PriorityRepairs;
import io.tessera.fe.replication.QueuedRepair;
import io.tessera.fe.replication.ReplicationActivity;
import io.tessera.fe.replication.SchedStat;
import io.tessera.fe.replication.SchedulerViews;
import io.tessera.fe.replication.SlotUsage;
import io.tessera.fe.replication.TabletSchedEntry;
import io.tessera.fe.result.ResultSet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code SHOW PROC '/cluster_balance'} and its children, in Doris's shapes (reference §12.1): the
 * root's seven counts, {@code cluster_load_stat} (tags, media, the per-backend load rows),
 * {@code working_slots}, {@code sched_stat}, {@code priority_repair} (the partitions ADMIN REPAIR
 * TABLE queued, from {@link PriorityRepairs}) and the 24-column {@code pending_tablets}, {@code running_tablets} and
 * {@code history_tablets}. Threading: reads the tablet scheduler's published
 * {@link ReplicationActivity} and immutable snapshots.
 */
public final class ClusterBalanceProc {
    static final String ROOT = "/cluster_balance";
    private static final List<String> DETAIL_TITLES = List.of("TabletId", "Type", "Medium", "Status", "State",
            "SchedCode", "Priority", "RealPriorityVal", "SrcBe", "SrcPath", "DestBe", "DestPath", "Timeout",
            "Create", "LstSched", "LstVisit", "Finished", "ReplicaSize", "Rate", "FailedSched", "FailedRunning",
            "VisibleVer", "CmtVer", "ErrMsg");
    private static final List<String> LOAD_TITLES = List.of("BeId", "Available", "UsedCapacity", "Capacity",
            "MaxDisk", "UsedPercent", "ReplicaNum", "CapCoeff", "ReplCoeff", "Score", "Class");
    private static final List<String> MEDIA = List.of("HDD", "SSD", "S3", "REMOTE_CACHE");
    private static final int VIEW_LIMIT = 1000;

    private final Supplier<ReplicationActivity> activity;
    private final PriorityRepairs priorityRepairs;
    private final Supplier<ClusterView> cluster;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<RuntimeConfig> config;
    private final ZoneId zone;

    public ClusterBalanceProc(Supplier<ReplicationActivity> activity, PriorityRepairs priorityRepairs,
                              Supplier<ClusterView> cluster, Supplier<CatalogSnapshot> catalog,
                              Supplier<RuntimeConfig> config, ZoneId zone) {
        this.activity = activity;
        this.priorityRepairs = priorityRepairs;
        this.cluster = cluster;
        this.catalog = catalog;
        this.config = config;
        this.zone = zone;
    }

    public static boolean handles(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    public ResultSet show(String path) {
        String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (normalized.equals(ROOT)) {
            return root();
        }
        String[] parts = normalized.substring(ROOT.length() + 1).split("/", -1);
        SchedulerViews views = activity.get().views();
        String child = parts[0];
        if (child.equals("cluster_load_stat")) {
            return loadStat(path, parts);
        }
        if (parts.length > 1) {
            throw badChild(path, child, parts);
        }
        return switch (child) {
            case "working_slots" -> workingSlots(views);
            case "sched_stat" -> schedStat(views);
            case "priority_repair" -> priorityRepair();
            case "pending_tablets" -> details(views.pending());
            case "running_tablets" -> details(views.running());
            case "history_tablets" -> details(views.history());
            default -> throw new TesseraException("invalid type: " + child);
        };
    }

    private ResultSet root() {
        SchedulerViews views = activity.get().views();
        List<List<String>> rows = List.of(
                List.of("cluster_load_stat", Integer.toString(tags().size())),
                List.of("working_slots", Integer.toString(views.slots().size())),
                List.of("sched_stat", views.stats().isEmpty() ? "0" : "1"),
                List.of("priority_repair", Integer.toString(priorityRepairs.size())),
                List.of("pending_tablets", Integer.toString(views.pendingTotal())),
                List.of("running_tablets", Integer.toString(views.running().size())),
                List.of("history_tablets", Integer.toString(views.history().size())));
        return table(List.of("Item", "Number"), rows);
    }

    /** One row per partition queued by ADMIN REPAIR TABLE: ids, and the time it stays queued. */
    private ResultSet priorityRepair() {
        List<List<String>> rows = new ArrayList<>();
        for (QueuedRepair repair : priorityRepairs.queued()) {
            rows.add(List.of(Long.toString(repair.databaseId()), Long.toString(repair.tableId()),
                    Long.toString(repair.partitionId()), Long.toString(repair.remainingMs())));
        }
        return table(List.of("Database", "Table", "Partition", "RemainingTimeMs"), rows);
    }

    /** Location tags of the registered backends, as Doris's {@code Tag.toKey()}. */
    private Set<String> tags() {
        Set<String> tags = new TreeSet<>();
        for (Backend backend : cluster.get().backends()) {
            tags.add("location_" + backend.location());
        }
        return tags;
    }

    private ResultSet loadStat(String path, String[] parts) {
        if (parts.length == 1) {
            return table(List.of("Tag"), tags().stream().map(List::of).toList());
        }
        String tag = parts[1];
        if (!tags().contains(tag)) {
            throw new TesseraException("No such tag: " + tag);
        }
        if (parts.length == 2) {
            return table(List.of("StorageMedium"), MEDIA.stream().map(List::of).toList());
        }
        String medium = parts[2].toUpperCase(Locale.ROOT);
        if (!MEDIA.contains(medium)) {
            throw new TesseraException("no such storage medium: " + parts[2]);
        }
        if (parts.length > 3) {
            throw noSuchPath(path);
        }
        return table(LOAD_TITLES, medium.equals("HDD") ? loadRows(tag) : List.of());
    }

    /**
     * One row per backend of the tag, lowest score first. Doris's load score, simplified: the
     * capacity coefficient is 0.5 below 50 % used, 1.0 above 75 %, linear between; the score is
     * capCoeff * used% / mean used% + replCoeff * replicas / mean replicas; the class compares a
     * score (and MaxDisk the used fraction) with the mean, {@code balance_load_score_threshold}
     * either side being MID.
     */
    private List<List<String>> loadRows(String tag) {
        ClusterView view = cluster.get();
        CatalogSnapshot snapshot = catalog.get();
        double threshold = config.get().balanceLoadScoreThreshold();
        List<Load> loads = new ArrayList<>();
        for (Backend backend : view.backends()) {
            if (!("location_" + backend.location()).equals(tag)) {
                continue;
            }
            BackendRuntime runtime = view.runtime(backend.id());
            long capacity = Math.max(0, runtime.totalBytes());
            long used = Math.max(0, capacity - runtime.availableBytes());
            boolean available = view.isAlive(backend.id()) && !backend.decommissioned()
                    && !backend.queryDisabled() && !backend.loadDisabled();
            loads.add(new Load(backend.id(), available, used, capacity, runtime.maxDiskUsedFraction(),
                    snapshot.replicaCount(backend.id())));
        }
        double meanUsed = loads.stream().mapToDouble(Load::usedFraction).average().orElse(0);
        double meanReplicas = loads.stream().mapToLong(Load::replicas).average().orElse(0);
        double meanMaxDisk = loads.stream().mapToDouble(Load::maxDiskFraction).average().orElse(0);
        List<Scored> scored = new ArrayList<>();
        for (Load load : loads) {
            double capCoeff = Math.min(1.0, Math.max(0.5, 2 * load.usedFraction() - 0.5));
            double replCoeff = 1 - capCoeff;
            double score = capCoeff * ratio(load.usedFraction(), meanUsed) + replCoeff * ratio(load.replicas(), meanReplicas);
            scored.add(new Scored(load, capCoeff, replCoeff, score));
        }
        double meanScore = scored.stream().mapToDouble(Scored::score).average().orElse(0);
        scored.sort(Comparator.comparingDouble(Scored::score).thenComparingLong(s -> s.load().backendId()));
        List<List<String>> rows = new ArrayList<>();
        for (Scored entry : scored) {
            Load load = entry.load();
            rows.add(List.of(Long.toString(load.backendId()), Boolean.toString(load.available()),
                    Long.toString(load.used()), Long.toString(load.capacity()),
                    loadClass(load.maxDiskFraction(), meanMaxDisk, threshold), threeDecimals(load.usedFraction() * 100),
                    Long.toString(load.replicas()), Double.toString(entry.capCoeff()),
                    Double.toString(entry.replCoeff()), Double.toString(entry.score()),
                    loadClass(entry.score(), meanScore, threshold)));
        }
        return rows;
    }

    private static double ratio(double value, double mean) {
        return mean <= 0 ? 0.0 : value / mean;
    }

    private static String loadClass(double value, double mean, double threshold) {
        if (value > mean * (1 + threshold)) {
            return "HIGH";
        }
        if (value < mean * (1 - threshold)) {
            return "LOW";
        }
        return "MID";
    }

    private static String threeDecimals(double value) {
        return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    private ResultSet workingSlots(SchedulerViews views) {
        List<List<String>> rows = new ArrayList<>();
        for (SlotUsage slot : views.slots()) {
            rows.add(List.of(Long.toString(slot.backendId()), "-1", Integer.toString(slot.availSlots()),
                    Integer.toString(slot.totalSlots()), Integer.toString(slot.balanceSlot()),
                    Double.toString(slot.avgRate())));
        }
        return table(List.of("BeId", "PathHash", "AvailSlots", "TotalSlots", "BalanceSlot", "AvgRate"), rows);
    }

    private ResultSet schedStat(SchedulerViews views) {
        List<List<String>> rows = new ArrayList<>();
        if (!views.stats().isEmpty()) {
            for (SchedStat stat : SchedStat.values()) {
                rows.add(List.of(stat.label(), Long.toString(views.stat(stat))));
            }
        }
        return table(List.of("Item", "Value"), rows);
    }

    private ResultSet details(List<TabletSchedEntry> entries) {
        List<List<String>> rows = new ArrayList<>();
        for (TabletSchedEntry entry : entries.subList(0, Math.min(VIEW_LIMIT, entries.size()))) {
            List<String> row = new ArrayList<>(DETAIL_TITLES.size());
            row.add(Long.toString(entry.tabletId()));
            row.add(entry.type().name());
            row.add(entry.medium());
            row.add(entry.status());
            row.add(entry.state().name());
            row.add(entry.schedCode());
            row.add(entry.priority() == null ? null : entry.priority().name());
            row.add(Long.toString(entry.realPriorityVal()));
            row.add(Long.toString(entry.srcBe()));
            row.add(Long.toString(entry.srcPath()));
            row.add(Long.toString(entry.destBe()));
            row.add(Long.toString(entry.destPath()));
            row.add(Long.toString(entry.timeoutMs()));
            row.add(DisplayFormats.time(entry.createMs(), zone));
            row.add(DisplayFormats.time(entry.lastSchedMs(), zone));
            row.add(DisplayFormats.time(entry.lastVisitMs(), zone));
            row.add(DisplayFormats.time(entry.finishedMs(), zone));
            row.add(DisplayFormats.bytes(entry.replicaSizeBytes()));
            row.add(rate(entry));
            row.add(Integer.toString(entry.failedSched()));
            row.add(Integer.toString(entry.failedRunning()));
            row.add(Long.toString(entry.visibleVersion()));
            row.add(Long.toString(entry.committedVersion()));
            row.add(entry.errMsg());
            rows.add(row);
        }
        return table(DETAIL_TITLES, rows);
    }

    /** Doris's {@code copySize / copyTimeMs / 1000.0} (the first division an integer one), {@code \N} before a copy. */
    private static String rate(TabletSchedEntry entry) {
        if (entry.state() != TabletSchedEntry.State.FINISHED || entry.copyTimeMs() <= 0) {
            return null;
        }
        return Double.toString(entry.replicaSizeBytes() / entry.copyTimeMs() / 1000.0);
    }

    private static ResultSet table(List<String> titles, List<List<String>> rows) {
        return ResultSet.of(InspectionExecutor.varchars(titles.toArray(String[]::new)), rows);
    }

    /**
     * Below a leaf of this tree: Doris's id-format and existence errors for {@code working_slots/<beId>}
     * and {@code <list>_tablets/<tabletId>}; the views those would show (the backend's disks, the
     * tablet's replicas) are not there yet.
     */
    private TesseraException badChild(String path, String child, String[] parts) {
        if (parts.length == 2 && child.equals("working_slots")) {
            long backendId;
            try {
                backendId = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                return new TesseraException("Invalid backend id format: " + parts[1]);
            }
            if (!cluster.get().isRegistered(backendId)) {
                return new TesseraException("Backend[" + backendId + "] does not exist.");
            }
        }
        if (parts.length == 2 && child.endsWith("_tablets")) {
            try {
                Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                return new TesseraException("Invalid tablet id format: " + parts[1]);
            }
        }
        return noSuchPath(path);
    }

    private static TesseraException noSuchPath(String path) {
        return new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Proc path '" + path + "' doesn't exist");
    }

    private record Load(long backendId, boolean available, long used, long capacity, double maxDiskFraction,
                        long replicas) {
        double usedFraction() {
            return capacity <= 0 ? 0.0 : (double) used / capacity;
        }
    }

    private record Scored(Load load, double capCoeff, double replCoeff, double score) {
    }
}
