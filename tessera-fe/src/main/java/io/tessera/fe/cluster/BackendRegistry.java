package io.tessera.fe.cluster;

import io.tessera.common.BatchedState;
import io.tessera.fe.meta.JournaledState;
import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Set;
import java.util.function.Consumer;
import io.tessera.proto.journal.BackendImage;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.DropBackendRecord;
import io.tessera.proto.journal.ModifyBackendRecord;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.SetBackendDecommissionRecord;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The FE's hard state about backends: who is registered, under which id, with which flags.
 *
 * <p>Only {@code replay} methods change it, and only the journal's apply thread calls them (one
 * writer). Every replay publishes a new immutable snapshot through a volatile field, so readers on
 * any thread (SHOW BACKENDS, the heartbeat manager) see a consistent registry without locks. A
 * record that contradicts the current state (a second backend on the same host:port, an unknown
 * id) is an invariant break, never silently applied.
 */
public final class BackendRegistry implements JournaledState {
    private final BatchedState<Snapshot> state =
            new BatchedState<>(new Snapshot(Collections.emptyNavigableMap(), Map.of()));

    /** An immutable view of every registered backend. */
    public record Snapshot(Map<Long, Backend> byId, Map<HostPort, Long> idByHostPort) implements StateImage {
        /** Streams every backend, by id, as snapshot records. */
        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            for (Backend backend : backends()) {
                sink.accept(SnapshotRecord.newBuilder().setBackend(toImage(backend)).build());
            }
        }

        /** Backends ordered by id. */
        public Collection<Backend> backends() {
            return byId.values();
        }

        public Optional<Backend> backend(long id) {
            return Optional.ofNullable(byId.get(id));
        }

        public Optional<Backend> backend(HostPort hostPort) {
            Long id = idByHostPort.get(hostPort);
            return id == null ? Optional.empty() : Optional.of(byId.get(id));
        }
    }

    /** The state replays read and write: the batch's working copy while one is open. */
    private Snapshot state() {
        return state.current();
    }

    /**
     * Opens a journal batch: the replays that follow change a working copy that readers do not
     * see until {@link #publishBatch}, so a statement's records become visible together.
     */
    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.REGISTER_BACKEND, JournalRecord.PayloadCase.DROP_BACKEND,
                JournalRecord.PayloadCase.SET_BACKEND_DECOMMISSION, JournalRecord.PayloadCase.MODIFY_BACKEND);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.BACKEND);
    }

    @Override
    public void replay(JournalRecord record) {
        switch (record.getPayloadCase()) {
            case REGISTER_BACKEND -> replay(record.getRegisterBackend());
            case DROP_BACKEND -> replay(record.getDropBackend());
            case SET_BACKEND_DECOMMISSION -> replay(record.getSetBackendDecommission());
            case MODIFY_BACKEND -> replay(record.getModifyBackend());
            default -> throw new IllegalArgumentException("not a backend record: " + record.getPayloadCase());
        }
    }

    @Override
    public Snapshot capture() {
        return snapshot();
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        replay(record.getBackend());
    }

    @Override
    public void beginBatch() {
        state.begin();
    }

    /** Makes everything replayed since {@link #beginBatch} visible at once. */
    @Override
    public void publishBatch() {
        state.publish();
    }

    /** Drops what was replayed since {@link #beginBatch}: a batch that could not be applied whole. */
    @Override
    public void discardBatch() {
        state.discard();
    }

    public Snapshot snapshot() {
        return state.published();
    }

    /**
     * The registry {@code records} would leave behind {@code from}, without changing this or any
     * live registry: a scratch registry loads {@code from} and replays the records through the same
     * {@code replay} code the journal runs. A dry run (EXPLAIN ALTER SYSTEM DROPP BACKEND) reads
     * its hypothetical cluster from here, so it cannot drift from what the real statement does.
     */
    public static Snapshot simulate(Snapshot from, List<JournalRecord> records) {
        BackendRegistry scratch = new BackendRegistry();
        from.forEachRecord(scratch::loadSnapshotRecord);
        for (JournalRecord record : records) {
            scratch.replay(record);
        }
        return scratch.snapshot();
    }

    public void replay(RegisterBackendRecord record) {
        Snapshot current = state();
        publish(current, registered(current, record), null);
    }

    /**
     * A backend as a metadata snapshot holds it: its registration and flags at once, in one
     * publish (a snapshot of a thousand backends is read back at every FE start).
     */
    public void replay(BackendImage image) {
        Snapshot current = state();
        Backend backend = registered(current, image.getRegistration())
                .withDecommissioned(image.getDecommissioned())
                .withQueryDisabled(image.getDisableQuery())
                .withLoadDisabled(image.getDisableLoad());
        publish(current, backend, null);
    }

    /** The backend a registration adds to {@code current}, checked to be new by id and by address. */
    private static Backend registered(Snapshot current, RegisterBackendRecord record) {
        HostPort hostPort = new HostPort(record.getHost(), record.getHeartbeatPort());
        if (current.byId.containsKey(record.getBackendId())) {
            throw new IllegalStateException("backend id " + record.getBackendId() + " is already registered");
        }
        if (current.idByHostPort.containsKey(hostPort)) {
            throw new IllegalStateException("backend " + hostPort + " is already registered");
        }
        return new Backend(record.getBackendId(), record.getHost(), record.getHeartbeatPort(),
                toMap(record.getTagsList()), false, false, false);
    }

    /** The snapshot form of {@code backend}, which {@link #replay(BackendImage)} restores. */
    public static BackendImage toImage(Backend backend) {
        return BackendImage.newBuilder()
                .setRegistration(RegisterBackendRecord.newBuilder().setBackendId(backend.id())
                        .setHost(backend.host()).setHeartbeatPort(backend.heartbeatPort())
                        .addAllTags(toRecordTags(backend.tags())))
                .setDecommissioned(backend.decommissioned())
                .setDisableQuery(backend.queryDisabled())
                .setDisableLoad(backend.loadDisabled())
                .build();
    }

    public void replay(DropBackendRecord record) {
        Snapshot current = state();
        Backend removed = backendOrThrow(current, record.getBackendId());
        publish(current, null, removed);
    }

    public void replay(SetBackendDecommissionRecord record) {
        Snapshot current = state();
        Backend backend = backendOrThrow(current, record.getBackendId());
        publish(current, backend.withDecommissioned(record.getDecommissioned()), null);
    }

    public void replay(ModifyBackendRecord record) {
        Snapshot current = state();
        Backend backend = backendOrThrow(current, record.getBackendId());
        if (record.getReplaceTags()) {
            backend = backend.withTags(toMap(record.getTagsList()));
        }
        if (record.hasDisableQuery()) {
            backend = backend.withQueryDisabled(record.getDisableQuery());
        }
        if (record.hasDisableLoad()) {
            backend = backend.withLoadDisabled(record.getDisableLoad());
        }
        publish(current, backend, null);
    }

    /** Tags in record form, in the map's order. */
    public static List<BackendTag> toRecordTags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> BackendTag.newBuilder().setType(e.getKey()).setValue(e.getValue()).build())
                .toList();
    }

    private static Map<String, String> toMap(List<BackendTag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (BackendTag tag : tags) {
            map.put(tag.getType(), tag.getValue());
        }
        return map;
    }

    private static Backend backendOrThrow(Snapshot current, long id) {
        Backend backend = current.byId.get(id);
        if (backend == null) {
            throw new IllegalStateException("backend id " + id + " is not registered");
        }
        return backend;
    }

    /** Publishes a snapshot with {@code put} added or replaced and {@code remove} removed. */
    private void publish(Snapshot current, Backend put, Backend remove) {
        TreeMap<Long, Backend> byId = new TreeMap<>(current.byId);
        Map<HostPort, Long> idByHostPort = new HashMap<>(current.idByHostPort);
        if (remove != null) {
            byId.remove(remove.id());
            idByHostPort.remove(remove.hostPort());
        }
        if (put != null) {
            byId.put(put.id(), put);
            idByHostPort.put(put.hostPort(), put.id());
        }
        // byId is kept in id order and looked up by hash (a full check asks for a backend per
        // replica); idByHostPort is wrapped, not copied again, as nothing writes it after this line.
        state.set(new Snapshot(Collections.unmodifiableMap(new LinkedHashMap<>(byId)),
                Collections.unmodifiableMap(idByHostPort)));
    }
}
