package io.tessera.fe.exec;

import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendDisk;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.CleanTrashStatement;
import io.tessera.fe.sql.ast.ShowTrashStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHOW TRASH [ON "host:port"], SHOW PROC '/trash' and '/trash/&lt;beId&gt;', and ADMIN CLEAN
 * TRASH [ON (...)] (reference §12.6). The trash sizes are what each backend's last heartbeat
 * reported per storage root (Doris asks each backend synchronously); a backend that is not alive
 * shows an empty size, as Doris shows one its RPC failed for. SHOW TRASH ON "h:p" shows that
 * backend's roots as Doris 2.1 and 3.0 do (master parses ON and ignores it). CLEAN TRASH asks each
 * backend (every one, or those whose {@code host:heartbeat_port} is listed; other strings are
 * ignored, as in Doris) to empty its trash and answers OK at once, as Doris's task does.
 *
 * <p>Threading: reads immutable snapshots; the clean calls complete on the RPC threads.
 */
public final class TrashExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(TrashExecutor.class);

    private final Supplier<BackendRegistry.Snapshot> registry;
    private final LongFunction<BackendRuntime> runtime;
    private final LongFunction<CompletableFuture<Long>> cleanTrash;

    /**
     * @param cleanTrash asks one backend to empty its trash; completes with the bytes freed
     *                   ({@code rpc.BackendCalls.cleanTrash}, joined where the FE is wired)
     */
    public TrashExecutor(Supplier<BackendRegistry.Snapshot> registry, LongFunction<BackendRuntime> runtime,
                         LongFunction<CompletableFuture<Long>> cleanTrash) {
        this.registry = registry;
        this.runtime = runtime;
        this.cleanTrash = cleanTrash;
    }

    public static boolean handles(String path) {
        return path.equals("/trash") || path.startsWith("/trash/");
    }

    public ResultSet show(ShowTrashStatement statement) {
        if (statement.backend() == null) {
            return all();
        }
        Backend backend = backends().stream().filter(b -> hostPort(b).equals(statement.backend())).findFirst()
                .orElseThrow(() -> new TesseraException("Backend[" + statement.backend() + "] does not exist."));
        return disks(backend);
    }

    public ResultSet showProc(String path) {
        String rest = path.substring("/trash".length());
        if (rest.isEmpty() || rest.equals("/")) {
            return all();
        }
        String id = rest.substring(1);
        if (id.contains("/")) {
            throw new TesseraException(path + " is not a directory");
        }
        long backendId;
        try {
            backendId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new TesseraException("Invalid backend id format: " + id);
        }
        return disks(registry.get().backend(backendId)
                .orElseThrow(() -> new TesseraException("Backend[" + backendId + "] does not exist.")));
    }

    public QueryResult clean(CleanTrashStatement statement) {
        for (Backend backend : backends()) {
            if (!statement.backends().isEmpty() && !statement.backends().contains(hostPort(backend))) {
                continue;
            }
            cleanTrash.apply(backend.id()).whenComplete((freed, failure) -> {
                if (failure != null) {
                    LOG.info("could not clean the trash of backend {}: {}", backend.id(),
                            Failures.rootMessage(failure));
                } else {
                    LOG.info("backend {} freed {} bytes of trash", backend.id(), freed);
                }
            });
        }
        return OkResult.EMPTY;
    }

    private ResultSet all() {
        List<List<String>> rows = new ArrayList<>();
        for (Backend backend : backends()) {
            BackendRuntime state = runtime.apply(backend.id());
            rows.add(List.of(Long.toString(backend.id()), hostPort(backend),
                    state.alive() ? DisplayFormats.bytes(state.trashUsedBytes()) : ""));
        }
        return ResultSet.of(InspectionExecutor.varchars("BackendId", "Backend", "TrashUsedCapacity"), rows);
    }

    private ResultSet disks(Backend backend) {
        BackendRuntime state = runtime.apply(backend.id());
        List<List<String>> rows = new ArrayList<>();
        for (BackendDisk disk : state.disks()) {
            rows.add(List.of(disk.path(), disk.online() ? "ONLINE" : "OFFLINE",
                    DisplayFormats.bytes(disk.trashUsedBytes())));
        }
        return ResultSet.of(InspectionExecutor.varchars("RootPath", "State", "TrashUsedCapacity"), rows);
    }

    private List<Backend> backends() {
        List<Backend> backends = new ArrayList<>(registry.get().backends());
        backends.sort(Comparator.comparingLong(Backend::id));
        return backends;
    }

    private static String hostPort(Backend backend) {
        return backend.host() + ":" + backend.heartbeatPort();
    }
}
