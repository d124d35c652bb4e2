package io.tessera.fe.cluster;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.journal.DropBackendRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ModifyBackendRecord;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.SetBackendDecommissionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The generate half of every backend statement: checks a request against the registry as it is
 * now and returns the journal records that carry it out, or throws with Doris's message. It never
 * changes state; {@link BackendRegistry#replay} does, once the records are applied.
 *
 * <p>Unlike Doris, a list is checked whole before any record is produced, so a statement either
 * changes every backend it names or none (docs/compatibility.md).
 *
 * <p>Threading: called on the metadata writer's thread only.
 */
public final class BackendControl {
    private final BackendRegistry registry;

    public BackendControl(BackendRegistry registry) {
        this.registry = registry;
    }

    /** ALTER SYSTEM ADD BACKEND: every entry must be a host:port not registered yet. */
    public WriteResult<Void> generateAdd(List<BackendIdentifier> identifiers, Map<String, String> tags,
                                         IdAllocator ids) {
        BackendRegistry.Snapshot snapshot = registry.snapshot();
        Set<HostPort> seen = new LinkedHashSet<>();
        for (BackendIdentifier identifier : identifiers) {
            if (identifier instanceof BackendIdentifier.ById byId) {
                throw new TesseraException("ADD BACKEND needs host:heartbeat_port: '" + byId.id() + "'");
            }
            HostPort hostPort = ((BackendIdentifier.ByHostPort) identifier).hostPort();
            if (snapshot.backend(hostPort).isPresent() || !seen.add(hostPort)) {
                throw new TesseraException(ErrorCode.CONFLICT, "Same backend already exists[" + rawHostPort(hostPort) + "]");
            }
        }
        List<JournalRecord> records = new ArrayList<>();
        for (HostPort hostPort : seen) {
            records.add(JournalRecord.newBuilder().setRegisterBackend(RegisterBackendRecord.newBuilder()
                    .setBackendId(ids.allocate())
                    .setHost(hostPort.host())
                    .setHeartbeatPort(hostPort.port())
                    .addAllTags(BackendRegistry.toRecordTags(tags))).build());
        }
        return new WriteResult<>(records, null);
    }

    /** ALTER SYSTEM DROPP BACKEND: every entry must exist. */
    public WriteResult<Void> generateDrop(List<BackendIdentifier> identifiers) {
        List<JournalRecord> records = new ArrayList<>();
        for (Backend backend : resolve(identifiers, "backend does not exists[%s]", "backend does not exists[%s]")) {
            records.add(JournalRecord.newBuilder()
                    .setDropBackend(DropBackendRecord.newBuilder().setBackendId(backend.id())).build());
        }
        return new WriteResult<>(records, null);
    }

    /** ALTER SYSTEM DECOMMISSION BACKEND: every entry must exist; already decommissioned ones are skipped. */
    public WriteResult<Void> generateDecommission(List<BackendIdentifier> identifiers) {
        return generateDecommission(identifiers, leaving -> { });
    }

    /**
     * The backends a decommission statement that changes no flag names (ALTER SYSTEM PAUSE / RESUME
     * DECOMMISSION BACKEND), each once, in the order first named; an unknown one throws DECOMMISSION's
     * error ({@code Backend does not exist[...]}, {@code Backend does not exist, backend id is N}).
     */
    public List<Backend> decommissionTargets(List<BackendIdentifier> identifiers) {
        return resolve(identifiers, "Backend does not exist[%s]", "Backend does not exist, backend id is %s");
    }

    /**
     * ALTER SYSTEM DECOMMISSION BACKEND with an admission check: after the existence check,
     * {@code admission} sees the backends that would become decommissioned (the named ones not
     * decommissioned yet, in the order first named) and throws to refuse them all. It is not
     * called when that list is empty, as in Doris.
     */
    public WriteResult<Void> generateDecommission(List<BackendIdentifier> identifiers,
                                                  Consumer<List<Backend>> admission) {
        List<Backend> leaving = decommissionTargets(identifiers).stream()
                .filter(backend -> !backend.decommissioned()).toList();
        if (!leaving.isEmpty()) {
            admission.accept(leaving);
        }
        return setDecommissioned(leaving, true);
    }

    /** CANCEL DECOMMISSION BACKEND: every entry must exist; ones not decommissioned are skipped. */
    public WriteResult<Void> generateCancelDecommission(List<BackendIdentifier> identifiers) {
        List<Backend> backends = resolve(identifiers, "Backend does not exist[%s]", "Backend does not exist[%s]");
        return setDecommissioned(backends, false);
    }

    /** ALTER SYSTEM MODIFY BACKEND ... SET (...): one record per backend whose state changes. */
    public WriteResult<Void> generateModify(List<BackendIdentifier> identifiers, BackendModification modification) {
        List<JournalRecord> records = new ArrayList<>();
        for (Backend backend : resolve(identifiers, "backend does not exists[%s]", "backend does not exists[%s]")) {
            ModifyBackendRecord.Builder record = ModifyBackendRecord.newBuilder().setBackendId(backend.id());
            boolean changed = false;
            if (modification.tags().isPresent() && !modification.tags().get().equals(backend.tags())) {
                record.setReplaceTags(true).addAllTags(BackendRegistry.toRecordTags(modification.tags().get()));
                changed = true;
            }
            if (modification.disableQuery().isPresent()
                    && modification.disableQuery().get() != backend.queryDisabled()) {
                record.setDisableQuery(modification.disableQuery().get());
                changed = true;
            }
            if (modification.disableLoad().isPresent()
                    && modification.disableLoad().get() != backend.loadDisabled()) {
                record.setDisableLoad(modification.disableLoad().get());
                changed = true;
            }
            if (changed) {
                records.add(JournalRecord.newBuilder().setModifyBackend(record).build());
            }
        }
        return new WriteResult<>(records, null);
    }

    private WriteResult<Void> setDecommissioned(List<Backend> backends, boolean value) {
        List<JournalRecord> records = new ArrayList<>();
        for (Backend backend : backends) {
            if (backend.decommissioned() != value) {
                records.add(JournalRecord.newBuilder().setSetBackendDecommission(SetBackendDecommissionRecord
                        .newBuilder().setBackendId(backend.id()).setDecommissioned(value)).build());
            }
        }
        return new WriteResult<>(records, null);
    }

    /**
     * Finds every named backend, each once (a backend named twice, or by id and by host:port, is
     * one entry), in the order first named. The first missing entry throws with the given message
     * template for its form.
     */
    private List<Backend> resolve(List<BackendIdentifier> identifiers, String missingHostPort, String missingId) {
        BackendRegistry.Snapshot snapshot = registry.snapshot();
        Map<Long, Backend> found = new LinkedHashMap<>();
        for (BackendIdentifier identifier : identifiers) {
            Backend backend;
            if (identifier instanceof BackendIdentifier.ById byId) {
                backend = snapshot.backend(byId.id()).orElseThrow(
                        () -> new TesseraException(ErrorCode.UNKNOWN_OBJECT, String.format(missingId, byId.id())));
            } else {
                HostPort hostPort = ((BackendIdentifier.ByHostPort) identifier).hostPort();
                backend = snapshot.backend(hostPort).orElseThrow(
                        () -> new TesseraException(ErrorCode.UNKNOWN_OBJECT, String.format(missingHostPort, hostPort)));
            }
            found.putIfAbsent(backend.id(), backend);
        }
        return new ArrayList<>(found.values());
    }

    /** Doris prints the host raw (no IPv6 brackets) in the ADD duplicate message. */
    private static String rawHostPort(HostPort hostPort) {
        return hostPort.host() + ":" + hostPort.port();
    }
}
