package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The decommission admission rules on small hand-built clusters and catalogs. */
class DecommissionAdmissionTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long TOTAL_BYTES = 100 * GIB;

    /** A registry with runtimes, built up by each test. */
    private static final class Fixture {
        final Map<Long, Backend> backends = new TreeMap<>();
        final Map<Long, BackendRuntime> runtimes = new HashMap<>();
        final Map<String, DatabaseEntry> databases = new LinkedHashMap<>();
        private long nextTableId = 100;

        long add(long id, String host, String location) {
            backends.put(id, new Backend(id, host, 9050, Map.of(BackendTags.LOCATION, location), false, false, false));
            runtimes.put(id, runtime(true, false, 0, TOTAL_BYTES / 2, TOTAL_BYTES));
            return id;
        }

        void kill(long id) {
            BackendRuntime r = runtimes.get(id);
            runtimes.put(id, runtime(false, false, r.dataUsedBytes(), r.availableBytes(), r.totalBytes()));
        }

        void shutDown(long id) {
            BackendRuntime r = runtimes.get(id);
            runtimes.put(id, runtime(true, true, r.dataUsedBytes(), r.availableBytes(), r.totalBytes()));
        }

        void decommission(long id) {
            backends.put(id, backends.get(id).withDecommissioned(true));
        }

        void disk(long id, long dataUsedBytes, long availableBytes, long totalBytes) {
            BackendRuntime r = runtimes.get(id);
            runtimes.put(id, runtime(r.alive(), r.shuttingDown(), dataUsedBytes, availableBytes, totalBytes));
        }

        void unreported(long id) {
            runtimes.put(id, BackendRuntime.NEVER_CONTACTED);
        }

        /** A RANGE table with the given partitions, or unpartitioned (one partition named like it) when none. */
        void table(String database, String table, Map<String, Integer> allocation, String... partitions) {
            TableDefinition.Builder definition = TableDefinition.newBuilder().setTableId(nextTableId++).setName(table);
            allocation.forEach((location, count) -> definition.addReplicaAllocation(
                    TagReplicaCount.newBuilder().setLocation(location).setCount(count)));
            if (partitions.length == 0) {
                definition.setPartitioning(PartitionScheme.newBuilder().setKind(PartitionScheme.Kind.UNPARTITIONED));
                definition.addPartitions(PartitionDefinition.newBuilder().setPartitionId(nextTableId++).setName(table));
            } else {
                definition.setPartitioning(PartitionScheme.newBuilder().setKind(PartitionScheme.Kind.RANGE));
                for (String partition : partitions) {
                    definition.addPartitions(PartitionDefinition.newBuilder().setPartitionId(nextTableId++)
                            .setName(partition));
                }
            }
            DatabaseEntry entry = databases.computeIfAbsent(database,
                    name -> new DatabaseEntry(databases.size() + 1, name, 0, Map.of()));
            Map<String, TableDefinition> tables = new TreeMap<>(entry.tables());
            tables.put(table, definition.build());
            databases.put(database, new DatabaseEntry(entry.id(), database, 0, tables));
        }

        ClusterView cluster(Map<String, String> config) {
            Map<HostPort, Long> byHostPort = new HashMap<>();
            backends.values().forEach(b -> byHostPort.put(b.hostPort(), b.id()));
            return ClusterView.of(new BackendRegistry.Snapshot(new TreeMap<>(backends), byHostPort), runtimes::get)
                    .withWatermarks(StorageRoom.watermarks(RuntimeConfig.of(config)));
        }

        Optional<TesseraException> refusal(Map<String, String> config, long... leavingIds) {
            List<Backend> leaving = java.util.Arrays.stream(leavingIds).mapToObj(backends::get).toList();
            CatalogSnapshot catalog = new CatalogSnapshot(databases, Map.of(), Map.of(), Map.of(), 0);
            return DecommissionAdmission.refusal(catalog, cluster(config), leaving);
        }

        Optional<TesseraException> refusal(long... leavingIds) {
            return refusal(Map.of(), leavingIds);
        }

        String message(long... leavingIds) {
            return refusal(leavingIds).orElseThrow(() -> new AssertionError("expected a refusal")).getMessage();
        }
    }

    private static BackendRuntime runtime(boolean alive, boolean shuttingDown, long dataUsedBytes,
                                          long availableBytes, long totalBytes) {
        return new BackendRuntime(9060, 8040, 8060, -1, 0, 0, alive, "", "", 0, "mix", 1, 0, 0,
                dataUsedBytes, 0, availableBytes, totalBytes, 0.0, 0, shuttingDown);
    }

    private static Map<String, Integer> defaultTag(int count) {
        return Map.of(BackendTags.DEFAULT_LOCATION, count);
    }

    /** Three default backends on three hosts and one 3-replica table d.t with partitions p1, p2. */
    private static Fixture threeHosts() {
        Fixture fixture = new Fixture();
        fixture.add(10001, "h1", BackendTags.DEFAULT_LOCATION);
        fixture.add(10002, "h2", BackendTags.DEFAULT_LOCATION);
        fixture.add(10003, "h3", BackendTags.DEFAULT_LOCATION);
        fixture.table("d", "t", defaultTag(3), "p1", "p2");
        return fixture;
    }

    @Test
    void refusesWhenTooFewHostsRemainWithDorisMessage() {
        Fixture fixture = threeHosts();
        TesseraException refusal = fixture.refusal(10003).orElseThrow();
        assertThat(refusal.getMessage()).isEqualTo("After decommission, partition p1 of table d.t 's replication "
                + "allocation { tag.location.default: 3 } > available backend num 2 on tag {\"location\" : "
                + "\"default\"}, otherwise need to decrease the partition's replication num.");
        assertThat(refusal.code()).isEqualTo(ErrorCode.BAD_STATEMENT);
        assertThat(refusal.clientMessage()).startsWith("errCode = 2, detailMessage = After decommission, ");
        assertThatThrownBy(() -> DecommissionAdmission.check(new CatalogSnapshot(fixture.databases, Map.of(),
                Map.of(), Map.of(), 0), fixture.cluster(Map.of()), List.of(fixture.backends.get(10003L))))
                .isInstanceOf(TesseraException.class).hasMessage(refusal.getMessage());
    }

    @Test
    void acceptsWhenEnoughHostsRemain() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h4", BackendTags.DEFAULT_LOCATION);
        assertThat(fixture.refusal(10003)).isEmpty();
        assertThat(fixture.message(10003, 10004)).contains("available backend num 2 on tag");
    }

    @Test
    void nothingLeavingIsNotChecked() {
        Fixture fixture = threeHosts();
        assertThat(fixture.refusal()).isEmpty();
    }

    @Test
    void deadBackendsDoNotCount() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h4", BackendTags.DEFAULT_LOCATION);
        fixture.kill(10004);
        assertThat(fixture.message(10003)).contains("available backend num 2 on tag");
    }

    @Test
    void alreadyDecommissionedAndShuttingDownBackendsDoNotCount() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h4", BackendTags.DEFAULT_LOCATION);
        fixture.add(10005, "h5", BackendTags.DEFAULT_LOCATION);
        fixture.decommission(10004);
        fixture.shutDown(10005);
        assertThat(fixture.message(10003)).contains("available backend num 2 on tag");
    }

    @Test
    void backendsOnOneHostCountOnce() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h2", BackendTags.DEFAULT_LOCATION);
        assertThat(fixture.message(10003)).contains("available backend num 2 on tag");
        fixture.add(10005, "h5", BackendTags.DEFAULT_LOCATION);
        assertThat(fixture.refusal(10003)).isEmpty();
    }

    @Test
    void onlyTheLeavingBackendsTagsAreCheckedAndAllTagsArePrinted() {
        Fixture fixture = new Fixture();
        fixture.add(10001, "h1", BackendTags.DEFAULT_LOCATION);
        fixture.add(10002, "h2", BackendTags.DEFAULT_LOCATION);
        fixture.add(10003, "h3", "east");
        fixture.add(10004, "h4", "east");
        Map<String, Integer> allocation = new LinkedHashMap<>();
        allocation.put(BackendTags.DEFAULT_LOCATION, 3);
        allocation.put("east", 2);
        fixture.table("d", "t", allocation, "p1");
        // The default tag already lacks a third host, but only east is being checked here.
        fixture.add(10005, "h5", "east");
        assertThat(fixture.refusal(10005)).isEmpty();
        assertThat(fixture.message(10004, 10005)).isEqualTo("After decommission, partition p1 of table d.t 's replication "
                + "allocation { tag.location.default: 3, tag.location.east: 2 } > available backend num 1 on tag "
                + "{\"location\" : \"east\"}, otherwise need to decrease the partition's replication num.");
        assertThat(fixture.message(10001)).contains("available backend num 1 on tag {\"location\" : \"default\"}");
    }

    @Test
    void unpartitionedTableIsNamedLikeItsOnePartition() {
        Fixture fixture = new Fixture();
        fixture.add(10001, "h1", BackendTags.DEFAULT_LOCATION);
        fixture.add(10002, "h2", BackendTags.DEFAULT_LOCATION);
        fixture.table("sales", "orders", defaultTag(2));
        assertThat(fixture.message(10002))
                .startsWith("After decommission, partition orders of table sales.orders 's replication allocation");
    }

    @Test
    void systemDatabasesAreSkipped() {
        Fixture fixture = new Fixture();
        fixture.add(10001, "h1", BackendTags.DEFAULT_LOCATION);
        fixture.add(10002, "h2", BackendTags.DEFAULT_LOCATION);
        fixture.table("information_schema", "t", defaultTag(2));
        fixture.table("mysql", "t", defaultTag(2));
        assertThat(fixture.refusal(10002)).isEmpty();
        fixture.table("d", "t", defaultTag(2));
        assertThat(fixture.message(10002)).contains("of table d.t ");
    }

    @Test
    void refusesWhenAReceiverWouldPassTheHighWatermark() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h4", BackendTags.DEFAULT_LOCATION);
        // 30 GiB leave 10003 and spread over 10001, 10002, 10004: 10 GiB each.
        fixture.disk(10003, 30 * GIB, 50 * GIB, TOTAL_BYTES);
        // 10002 has 80 GiB used of 100: 5 GiB below 85 %.
        fixture.disk(10002, 70 * GIB, 20 * GIB, TOTAL_BYTES);
        TesseraException refusal = fixture.refusal(10003).orElseThrow();
        assertThat(refusal.getMessage()).isEqualTo("Cannot decommission backend 10003: backend 10002 (h2:9050) "
                + "would receive about " + 10 * GIB + " bytes but has " + 5 * GIB + " bytes below the high watermark "
                + "(storage_high_watermark_usage_percent 85, storage_min_left_capacity_bytes " + 2 * GIB + "); "
                + "estimate: the " + 30 * GIB + " bytes of tablet data on the decommissioned backends with tag "
                + "location default spread evenly over the 3 usable backend(s) that stay in it");
        assertThat(refusal.code().mysqlCode()).isEqualTo(1105);
        // A raised watermark from the runtime config lets it through: 95 % leaves 15 GiB.
        assertThat(fixture.refusal(Map.of("storage_high_watermark_usage_percent", "95",
                "storage_flood_stage_usage_percent", "98"), 10003)).isEmpty();
        // More receivers on the tag make the share smaller: 6 GiB each over five is still too much,
        // 5 GiB each over six fits exactly.
        fixture.add(10005, "h5", BackendTags.DEFAULT_LOCATION);
        fixture.add(10006, "h6", BackendTags.DEFAULT_LOCATION);
        assertThat(fixture.message(10003)).contains("would receive about " + 6 * GIB + " bytes");
        fixture.add(10007, "h7", BackendTags.DEFAULT_LOCATION);
        assertThat(fixture.refusal(10003)).isEmpty();
    }

    @Test
    void minLeftCapacityBoundsTheRoom() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h4", BackendTags.DEFAULT_LOCATION);
        // Small disk: 10 GiB total, 3 GiB free: 1.5 GiB below 85 % but only 1 GiB above the 2 GiB minimum.
        fixture.disk(10001, 6 * GIB, 3 * GIB, 10 * GIB);
        fixture.disk(10003, 3 * GIB + 3, 50 * GIB, TOTAL_BYTES);
        assertThat(fixture.message(10003)).startsWith("Cannot decommission backend 10003: backend 10001 (h1:9050) "
                + "would receive about " + (GIB + 1) + " bytes but has " + GIB + " bytes");
        fixture.disk(10003, 3 * GIB, 50 * GIB, TOTAL_BYTES);
        assertThat(fixture.refusal(10003)).isEmpty();
    }

    @Test
    void unknownSizesAreNotGuessed() {
        Fixture fixture = threeHosts();
        fixture.add(10004, "h4", BackendTags.DEFAULT_LOCATION);
        fixture.disk(10003, 30 * GIB, 50 * GIB, TOTAL_BYTES);
        fixture.disk(10002, 70 * GIB, 20 * GIB, TOTAL_BYTES);
        // A receiver that has not reported its disks (as after an FE restart) is not checked.
        fixture.disk(10002, 0, 1, 0);
        assertThat(fixture.refusal(10003)).isEmpty();
        // A leaving backend that has not reported adds no bytes.
        fixture.disk(10002, 70 * GIB, 20 * GIB, TOTAL_BYTES);
        fixture.unreported(10003);
        assertThat(fixture.refusal(10003)).isEmpty();
    }

    @Test
    void replicaCheckComesBeforeTheSpaceCheck() {
        Fixture fixture = threeHosts();
        fixture.disk(10003, 30 * GIB, 50 * GIB, TOTAL_BYTES);
        fixture.disk(10002, 70 * GIB, 20 * GIB, TOTAL_BYTES);
        assertThat(fixture.message(10003)).startsWith("After decommission, ");
        assertThat(fixture.message(10002, 10003)).startsWith("After decommission, ");
    }
}
