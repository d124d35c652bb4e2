package io.tessera.fe.txn;

import io.tessera.common.ErrorCode;
import io.tessera.common.FaultReport;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.common.LogValues;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.txn.RunningLoads.RunningLoad;
import io.tessera.proto.frontend.AbortLoadRequest;
import io.tessera.proto.frontend.AbortLoadResponse;
import io.tessera.proto.frontend.BackendAddress;
import io.tessera.proto.frontend.BeginLoadRequest;
import io.tessera.proto.frontend.BeginLoadResponse;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.CommitLoadResponse;
import io.tessera.proto.frontend.LoadServiceGrpc;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.TableDefinition;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * frontend.proto's LoadService on {@code rpc_port}: the FE's side of a Stream Load, which a backend
 * drives. BeginLoad checks the user, the table and the label and hands out a transaction id with the
 * table's layout; CommitLoad checks the written tablets and commits through {@link LoadTransactions}
 * (majority per tablet, journaled commit, publish, journaled finish: the same path as INSERT);
 * AbortLoad drops the load's pending rowsets. Every answer carries its error in
 * {@code error_message}; no call ends with a gRPC error.
 *
 * <p>Threading: calls run concurrently on gRPC's threads and block on journal writes and backend
 * calls; the running loads are a thread-safe registry.
 */
public final class StreamLoadService extends LoadServiceGrpc.LoadServiceImplBase {
    /** Doris's stream load default timeout. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 600;
    private static final Logger LOG = LoggerFactory.getLogger(StreamLoadService.class);
    private static final Pattern LABEL = Pattern.compile("^[-_A-Za-z0-9:]{1,128}$");

    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<BackendRegistry.Snapshot> backends;
    private final LongFunction<BackendRuntime> runtime;
    private final PlainPasswordCheck passwords;
    private final AccessControl access;
    private final LoadTransactions transactions;
    private final Clock clock;
    private final Random random;
    private final RunningLoads running = new RunningLoads();

    public StreamLoadService(Catalog catalog, Supplier<BackendRegistry.Snapshot> backends,
                             LongFunction<BackendRuntime> runtime, PlainPasswordCheck passwords,
                             AccessControl access, LoadTransactions transactions, Clock clock, Random random) {
        this.catalog = catalog::snapshot;
        this.backends = backends;
        this.runtime = runtime;
        this.passwords = passwords;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void beginLoad(BeginLoadRequest request, StreamObserver<BeginLoadResponse> response) {
        BeginLoadResponse answer;
        try {
            answer = begin(request);
        } catch (RuntimeException e) {
            answer = BeginLoadResponse.newBuilder().setErrorMessage(message(e, "beginning the load into "
                    + request.getDatabase() + "." + request.getTable())).build();
        }
        response.onNext(answer);
        response.onCompleted();
    }

    private BeginLoadResponse begin(BeginLoadRequest request) {
        passwords.checkOrThrow(request.getUser(), request.getPassword(), request.getClientHost());
        // LOAD before the table is looked up, as the FE's redirect checks it: nothing revealed without it.
        access.checkTableOverHttpOrThrow(new UserIdentity(request.getUser(), request.getClientHost()), Privilege.LOAD,
                request.getDatabase(), request.getTable());
        expireOldLoads();
        CatalogSnapshot snapshot = catalog.get();
        DatabaseEntry db = snapshot.database(request.getDatabase()).orElseThrow(
                () -> new TesseraException("Unknown database '" + request.getDatabase() + "'"));
        TableDefinition table = db.table(request.getTable()).orElseThrow(() -> new TesseraException(
                "Unknown table '" + request.getTable() + "' in database '" + request.getDatabase() + "'"));
        String label = request.getLabel().isEmpty() ? generatedLabel() : request.getLabel();
        if (!LABEL.matcher(label).matches()) {
            throw new TesseraException("Label format error. regex: " + LABEL.pattern() + ", label: " + LogValues.bounded(label));
        }
        Optional<String> used = committedStatus(db.id(), label);
        if (used.isEmpty() && running.holdsLabel(db.id(), label)) {
            used = Optional.of("PREPARE");
        }
        if (used.isPresent()) {
            return labelExists(label, used.get());
        }
        long timeoutSeconds = request.getTimeoutSeconds() > 0 ? request.getTimeoutSeconds() : DEFAULT_TIMEOUT_SECONDS;
        long transactionId = transactions.allocateTransactionId();
        // The layout after the id: a replica the tablet scheduler placed before this id exists in
        // it; one placed after has a higher min_transaction_id, so this load's finish skips it.
        table = catalog.get().database(request.getDatabase()).flatMap(d -> d.table(request.getTable()))
                .orElseThrow(() -> new TesseraException("Unknown table '" + request.getTable() + "' in database '"
                        + request.getDatabase() + "'"));
        RunningLoad load = new RunningLoad(transactionId, db.id(), label, table,
                clock.monotonicNanos() + TimeUnit.SECONDS.toNanos(timeoutSeconds), timeoutSeconds);
        Optional<String> conflict = running.register(load, () -> committedStatus(db.id(), label));
        if (conflict.isPresent()) {
            return labelExists(label, conflict.get());
        }
        BeginLoadResponse.Builder answer = BeginLoadResponse.newBuilder().setTransactionId(transactionId)
                .setLabel(label).setDatabaseId(db.id()).setTable(table);
        BackendRegistry.Snapshot registry = backends.get();
        for (long backendId : new TableTablets(table).allBackends()) {
            Optional<Backend> backend = registry.backend(backendId);
            // A dead backend gets no address, so the loading backend counts its replicas as not
            // written at once instead of waiting on an unreachable peer (Doris's sink skips them too).
            if (backend.isPresent() && runtime.apply(backendId).alive()) {
                answer.addBackends(BackendAddress.newBuilder().setBackendId(backendId).setHost(backend.get().host())
                        .setBePort(runtime.apply(backendId).bePort()));
            }
        }
        transactions.history().beginStreamLoad(transactionId, db.id(), label,
                TimeUnit.SECONDS.toMillis(timeoutSeconds));
        LOG.info("stream load {} began: transaction {} into {}.{}", label, transactionId, db.name(), table.getName());
        return answer.build();
    }

    @Override
    public void commitLoad(CommitLoadRequest request, StreamObserver<CommitLoadResponse> response) {
        CommitLoadResponse answer;
        Optional<RunningLoad> load = running.remove(request.getTransactionId());
        if (load.isEmpty()) {
            answer = CommitLoadResponse.newBuilder().setErrorMessage("transaction " + request.getTransactionId()
                    + " is not running: it was aborted, timed out, or its frontend restarted").build();
        } else {
            try {
                answer = commit(load.get(), request);
            } catch (RuntimeException e) {
                answer = CommitLoadResponse.newBuilder().setErrorMessage(message(e, "committing transaction "
                        + request.getTransactionId())).build();
            }
        }
        response.onNext(answer);
        response.onCompleted();
    }

    private CommitLoadResponse commit(RunningLoad load, CommitLoadRequest request) {
        TableTablets layout = new TableTablets(load.table());
        if (clock.monotonicNanos() - load.deadlineNanos() > 0) {
            transactions.abort(load.transactionId(), layout.allBackends());
            transactions.aborted(load.transactionId(), "timeout by txn manager");
            throw new TesseraException(ErrorCode.UNAVAILABLE, "the load timed out after " + load.timeoutSeconds() + " s");
        }
        LoadCommit commit;
        try {
            commit = TabletWrites.toCommit(load, layout, request);
        } catch (RuntimeException e) {
            transactions.abort(load.transactionId(), layout.allBackends());
            transactions.aborted(load.transactionId(), String.valueOf(e.getMessage()));
            throw e;
        }
        LoadResult result = transactions.commit(commit);
        LOG.info("stream load {} is visible: transaction {}, {} rows", load.label(), load.transactionId(),
                result.loadedRows());
        return CommitLoadResponse.newBuilder().setStatus(result.status()).build();
    }

    @Override
    public void abortLoad(AbortLoadRequest request, StreamObserver<AbortLoadResponse> response) {
        Optional<RunningLoad> load = running.remove(request.getTransactionId());
        load.ifPresent(l -> {
            LOG.info("stream load {} aborted: transaction {}: {}", l.label(), l.transactionId(),
                    LogValues.bounded(request.getReason()));
            transactions.abort(l.transactionId(), new TableTablets(l.table()).allBackends());
            transactions.aborted(l.transactionId(), request.getReason());
        });
        response.onNext(AbortLoadResponse.getDefaultInstance());
        response.onCompleted();
    }

    /** Transactions of the Stream Loads that began and have not committed or aborted. */
    public Set<Long> runningTransactionIds() {
        return running.transactionIds();
    }

    /** Tables a Stream Load that began and has not committed or aborted writes to. */
    public Set<Long> runningTableIds() {
        return running.tableIds();
    }

    /**
     * Aborts every load past its timeout (its backend died or its client stalled): its pending
     * rowsets are dropped and its label is free again. Runs before each BeginLoad and periodically.
     */
    public void expireOldLoads() {
        for (RunningLoad load : running.removeExpired(clock.monotonicNanos())) {
            LOG.warn("stream load {} (transaction {}) timed out after {} s; aborting it", load.label(),
                    load.transactionId(), load.timeoutSeconds());
            transactions.abort(load.transactionId(), new TableTablets(load.table()).allBackends());
            transactions.aborted(load.transactionId(), "timeout by txn manager");
        }
    }

    /** {@code COMMITTED} or {@code VISIBLE} when a load with the label committed; else empty. */
    private Optional<String> committedStatus(long databaseId, String label) {
        CatalogSnapshot snapshot = catalog.get();
        if (!snapshot.labelUsed(databaseId, label)) {
            return Optional.empty();
        }
        for (CommitTransactionRecord commit : snapshot.committed().values()) {
            if (commit.getDatabaseId() == databaseId && commit.getLabel().equals(label)) {
                return Optional.of("COMMITTED");
            }
        }
        return Optional.of("VISIBLE");
    }

    private static BeginLoadResponse labelExists(String label, String status) {
        return BeginLoadResponse.newBuilder().setLabel(label).setLabelAlreadyExists(true).setExistingStatus(status)
                .setErrorMessage(CatalogControl.labelUsed(label).getMessage()).build();
    }

    private String generatedLabel() {
        return "stream_load_" + Long.toHexString(random.nextLong()) + "_" + Long.toHexString(random.nextLong());
    }

    /** The text a client sees: an expected error's message, or a logged fault's summary. */
    private static String message(RuntimeException error, String context) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof TesseraException)) {
            cause = cause.getCause();
        }
        if (cause instanceof TesseraException expected) {
            return expected.getMessage();
        }
        LOG.error("{} failed", context, error);
        return FaultReport.FRONTEND.message(context);
    }
}
