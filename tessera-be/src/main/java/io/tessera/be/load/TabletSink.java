package io.tessera.be.load;

import com.google.protobuf.ByteString;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.data.RowBatches;
import io.tessera.data.TableRouting;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.frontend.BackendAddress;
import io.tessera.proto.frontend.TabletWrite;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Routes a Stream Load's typed rows to tablets (partition by the partition columns, bucket by the
 * hash columns, as INSERT does) and writes them to every replica of each tablet through
 * {@link ReplicaStream}s, opened when a tablet first gets rows. Rows wait in a small per-tablet
 * buffer that is sent as one batch to all the tablet's replicas when it holds
 * {@value #ROWS_PER_BATCH} rows or about {@value #BYTES_PER_BATCH} bytes, and every buffer is sent
 * when they hold {@value #MAX_BUFFERED_BYTES} bytes together, so memory stays bounded whatever the
 * body's size and the table's tablet count. {@link #finish} sends the rest and eos, including an empty rowset for
 * every tablet of a touched partition that got no rows (a partition moves to its next version as a
 * whole), and reports which replicas have the rows. A tablet that loses its majority fails the
 * load at once.
 *
 * <p>Threading: not thread-safe; the load's thread drives it.
 */
final class TabletSink {
    static final int ROWS_PER_BATCH = 4096;
    static final int BYTES_PER_BATCH = 1 << 20;
    /** All tablets' buffers together: past this, every buffer is sent (a table with many tablets). */
    static final long MAX_BUFFERED_BYTES = 32L << 20;

    private final TableDefinition table;
    private final long transactionId;
    private final Map<Long, BackendAddress> backends = new HashMap<>();
    private final PeerChannels channels;
    private final Random random;
    private final Clock clock;
    private final long deadlineNanos;
    private final List<ColumnSchema> schema;
    private final boolean[] touchedPartitions;
    private final Map<Long, TabletBuffer> tablets = new LinkedHashMap<>();
    private long bufferedBytes;

    private final class TabletBuffer {
        private final TabletDefinition tablet;
        private final List<ReplicaStream> streams = new ArrayList<>();
        private final Map<Long, String> openFailures = new LinkedHashMap<>();
        private final List<List<Object>> rows = new ArrayList<>();
        private long bytes;

        TabletBuffer(TabletDefinition tablet) {
            this.tablet = tablet;
            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                BackendAddress address = backends.get(replica.getBackendId());
                if (address == null || address.getBePort() <= 0) {
                    openFailures.put(replica.getReplicaId(), "backend " + replica.getBackendId()
                            + " has no known address (is it alive?)");
                    continue;
                }
                WriteHeader header = WriteHeader.newBuilder().setTransactionId(transactionId)
                        .setTabletId(tablet.getTabletId()).setReplicaId(replica.getReplicaId()).build();
                String name = address.getHost() + ":" + address.getBePort();
                try {
                    streams.add(new ReplicaStream(channels.backend(address.getHost(), address.getBePort()), header,
                            "backend " + name, clock, deadlineNanos));
                } catch (RuntimeException e) {
                    openFailures.put(replica.getReplicaId(), "cannot write to backend " + name + ": " + e.getMessage());
                }
            }
        }

        void add(List<Object> row) {
            rows.add(row);
            long size = estimate(row);
            bytes += size;
            bufferedBytes += size;
            if (rows.size() >= ROWS_PER_BATCH || bytes >= BYTES_PER_BATCH) {
                flush(false);
            }
        }

        void flush(boolean end) {
            // Serialized once here, not once per replica stream by gRPC.
            ByteString batch = rows.isEmpty() ? null : RowBatches.encode(schema, rows).toByteString();
            rows.clear();
            bufferedBytes -= bytes;
            bytes = 0;
            for (ReplicaStream stream : streams) {
                if (stream.failure() == null) {
                    stream.send(batch, end);
                }
            }
            if (!end) {
                requireMajority();
            }
        }

        void requireMajority() {
            int replicas = tablet.getReplicasCount();
            long healthy = streams.stream().filter(s -> s.failure() == null).count();
            if (healthy < replicas / 2 + 1) {
                List<String> reasons = new ArrayList<>(openFailures.values());
                streams.stream().map(ReplicaStream::failure).filter(f -> f != null).forEach(reasons::add);
                throw new LoadFailure("tablet " + tablet.getTabletId() + " can be written on only " + healthy
                        + " of " + replicas + " replicas, a majority is needed (" + String.join("; ", reasons)
                        + ")");
            }
        }

        TabletWrite result() {
            TabletWrite.Builder write = TabletWrite.newBuilder().setTabletId(tablet.getTabletId());
            openFailures.values().forEach(write::addErrors);
            for (ReplicaStream stream : streams) {
                String error = stream.awaitResult();
                if (error == null) {
                    write.addWrittenReplicaIds(stream.replicaId());
                } else {
                    write.addErrors("replica " + stream.replicaId() + ": " + error);
                }
            }
            return write.build();
        }
    }

    /**
     * @param backends      where each backend holding a replica takes writes
     * @param deadlineNanos the load's deadline on the clock's monotonic time
     */
    TabletSink(TableDefinition table, long transactionId, List<BackendAddress> backends, PeerChannels channels,
               Random random, Clock clock, long deadlineNanos) {
        this.table = table;
        this.transactionId = transactionId;
        backends.forEach(address -> this.backends.put(address.getBackendId(), address));
        this.channels = channels;
        this.random = random;
        this.clock = clock;
        this.deadlineNanos = deadlineNanos;
        this.schema = table.getColumnsList().stream().map(ColumnDefinition::getSchema).toList();
        this.touchedPartitions = new boolean[table.getPartitionsCount()];
    }

    /**
     * Routes and buffers one row.
     *
     * @throws RowRejected when no partition takes the row
     * @throws LoadFailure when the row's tablet can no longer be written on a majority of replicas
     */
    void add(Object[] row) throws RowRejected {
        List<Object> values = Arrays.asList(row);
        int partitionIndex;
        try {
            partitionIndex = TableRouting.partitionIndex(table, values);
        } catch (TesseraException e) {
            throw new RowRejected("no partition for this tuple: " + e.getMessage());
        }
        touchedPartitions[partitionIndex] = true;
        PartitionDefinition partition = table.getPartitions(partitionIndex);
        TabletDefinition tablet = partition.getTablets(TableRouting.bucket(table, values, random.nextLong()));
        buffer(tablet).add(values);
        if (bufferedBytes > MAX_BUFFERED_BYTES) {
            for (TabletBuffer buffer : tablets.values()) {
                if (!buffer.rows.isEmpty()) {
                    buffer.flush(false);
                }
            }
        }
    }

    /** Sends what is buffered and eos to every tablet of every touched partition; waits for the answers. */
    List<TabletWrite> finish() {
        for (int p = 0; p < touchedPartitions.length; p++) {
            if (touchedPartitions[p]) {
                for (TabletDefinition tablet : table.getPartitions(p).getTabletsList()) {
                    buffer(tablet);
                }
            }
        }
        for (TabletBuffer buffer : tablets.values()) {
            buffer.flush(true);
        }
        List<TabletWrite> writes = new ArrayList<>();
        for (TabletBuffer buffer : tablets.values()) {
            writes.add(buffer.result());
        }
        return writes;
    }

    /** Breaks off every stream: the backends keep nothing of this load. */
    void cancel(String reason) {
        for (TabletBuffer buffer : tablets.values()) {
            buffer.streams.forEach(stream -> stream.cancel(reason));
        }
    }

    private TabletBuffer buffer(TabletDefinition tablet) {
        TabletBuffer buffer = tablets.get(tablet.getTabletId());
        if (buffer == null) {
            buffer = new TabletBuffer(tablet);
            tablets.put(tablet.getTabletId(), buffer);
            buffer.requireMajority();
        }
        return buffer;
    }

    private static long estimate(List<Object> row) {
        long bytes = 0;
        for (Object value : row) {
            bytes += value instanceof String text ? text.length() + 4 : 9;
        }
        return bytes;
    }
}
