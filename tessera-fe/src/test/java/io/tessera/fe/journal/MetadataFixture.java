package io.tessera.fe.journal;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.session.SystemVariables;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ModifyBackendRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.SetBackendDecommissionRecord;
import io.tessera.proto.journal.SetGlobalVariableRecord;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Fresh FE state objects, and journal batches that fill them with every kind of hard state. */
record MetadataFixture(IdGenerator ids, BackendRegistry backends, Catalog catalog, SystemVariables variables) {
    MetadataFixture() {
        this(new IdGenerator(), new BackendRegistry(), new Catalog(), new SystemVariables(ZoneOffset.UTC));
    }

    ReplayDispatcher dispatcher() {
        return new ReplayDispatcher(java.util.List.of(ids, backends, catalog, variables));
    }

    /**
     * Batches that register 3 backends (one decommissioned, one with flags and tags), create
     * {@code databases} databases with one table each (2 partitions of 4 tablets x 3 replicas),
     * load into every table twice (finished) and leave one load per table committed.
     */
    static List<JournalBatch> batches(int databases) {
        List<JournalBatch> batches = new ArrayList<>();
        long nextId = 10_000;
        for (int b = 0; b < 3; b++) {
            batches.add(batch(watermark(nextId + 1), JournalRecord.newBuilder().setRegisterBackend(
                    RegisterBackendRecord.newBuilder().setBackendId(nextId).setHost("127.0.53." + (b + 1))
                            .setHeartbeatPort(9050).addTags(BackendTag.newBuilder().setType("location")
                                    .setValue("default"))).build()));
            nextId++;
        }
        batches.add(batch(JournalRecord.newBuilder().setSetBackendDecommission(SetBackendDecommissionRecord
                .newBuilder().setBackendId(10_001).setDecommissioned(true)).build()));
        batches.add(batch(JournalRecord.newBuilder().setModifyBackend(ModifyBackendRecord.newBuilder()
                .setBackendId(10_002).setReplaceTags(true).addTags(BackendTag.newBuilder().setType("location")
                        .setValue("zone_b")).setDisableQuery(true).setDisableLoad(true)).build()));
        long transactionId = 1;
        for (int d = 0; d < databases; d++) {
            long databaseId = nextId++;
            batches.add(batch(watermark(nextId), JournalRecord.newBuilder().setCreateDatabase(
                    CreateDatabaseRecord.newBuilder().setDatabaseId(databaseId).setName("db" + d)
                            .setCreateTimeMs(1_000 + d)).build()));
            long tableId = nextId++;
            TableDefinition.Builder table = TableDefinition.newBuilder().setTableId(tableId).setName("t" + d)
                    .setCreateTimeMs(2_000 + d);
            List<Long> partitionIds = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                long partitionId = nextId++;
                partitionIds.add(partitionId);
                PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(partitionId)
                        .setName("p" + p).setVisibleVersion(1);
                for (int t = 0; t < 4; t++) {
                    TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(nextId++);
                    for (long backend = 10_000; backend < 10_003; backend++) {
                        tablet.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(nextId++)
                                .setBackendId(backend).setVersion(1).setLastFailedVersion(-1));
                    }
                    partition.addTablets(tablet);
                }
                table.addPartitions(partition);
            }
            batches.add(batch(watermark(nextId), JournalRecord.newBuilder().setCreateTable(CreateTableRecord
                    .newBuilder().setDatabaseId(databaseId).setTable(table)).build()));
            for (int load = 0; load < 3; load++) {
                long id = transactionId++;
                CommitTransactionRecord.Builder commit = CommitTransactionRecord.newBuilder().setTransactionId(id)
                        .setLabel("label_" + d + "_" + load).setDatabaseId(databaseId).setTableId(tableId)
                        .setCommitTimeMs(3_000 + id).setLoadedRows(10 * id);
                for (long partitionId : partitionIds) {
                    commit.addPartitions(PartitionVersion.newBuilder().setPartitionId(partitionId).setVersion(2 + load));
                }
                if (load == 1) {
                    commit.addFailedReplicaIds(tableId + 3); // the first replica of the first tablet
                }
                batches.add(batch(JournalRecord.newBuilder().setCommitTransaction(commit).build()));
                if (load < 2) {
                    batches.add(batch(JournalRecord.newBuilder().setFinishTransaction(FinishTransactionRecord
                            .newBuilder().setTransactionId(id).setFinishTimeMs(4_000 + id)).build()));
                }
            }
        }
        batches.add(batch(JournalRecord.newBuilder().setSetGlobalVariable(SetGlobalVariableRecord.newBuilder()
                .setName("query_timeout").setValue("600")).build()));
        batches.add(batch(JournalRecord.newBuilder().setSetGlobalVariable(SetGlobalVariableRecord.newBuilder()
                .setName("sql_safe_updates").setValue("1")).build()));
        batches.add(batch(watermark(nextId + 100)));
        return batches;
    }

    static JournalRecord watermark(long nextId) {
        return JournalRecord.newBuilder().setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId)).build();
    }

    static JournalBatch batch(JournalRecord... records) {
        return JournalBatch.newBuilder().addAllRecords(List.of(records)).build();
    }
}
