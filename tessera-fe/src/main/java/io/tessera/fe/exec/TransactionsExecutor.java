package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.ShowTransactionStatement;
import io.tessera.fe.txn.TransactionHistory;
import io.tessera.fe.txn.TransactionHistory.Entry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * SHOW TRANSACTION and SHOW PROC '/transactions' and below (reference §12.9), from the FE's
 * {@link TransactionHistory}: Doris's 15-column transaction row, its WHERE forms ({@code id = n},
 * {@code label = 's'}, {@code label LIKE 'p'}, {@code status = 's'}) and texts. Tessera has no
 * PRECOMMITTED transactions (no two-phase commit), no load callbacks (ListenerId -1) and no
 * per-transaction error text (ErrMsg ""). Doris's "Invalid transaction id format: -1" prints -1
 * whatever was written, an accident Tessera does not copy: it names the text given.
 *
 * <p>Threading: reads the catalog's snapshots and the thread-safe history; safe from any thread.
 */
public final class TransactionsExecutor {
    static final String PATH = "/transactions";
    static final String WHERE_SHAPE = "Where clause should looks like one of them: id = 123 or label =/like 'label' "
            + "or status = 'prepare/precommitted/committed/visible/aborted'";
    private static final int MAX_SHOW_ENTRIES = 2000;
    private static final List<Column> TRANSACTION_COLUMNS = InspectionExecutor.varchars("TransactionId", "Label",
            "Coordinator", "TransactionStatus", "LoadJobSourceType", "PrepareTime", "PreCommitTime", "CommitTime",
            "PublishTime", "FinishTime", "Reason", "ErrorReplicasCount", "ListenerId", "TimeoutMs", "ErrMsg");
    private static final List<String> STATUSES = List.of("prepare", "precommitted", "committed", "visible", "aborted");

    private final Supplier<CatalogSnapshot> catalog;
    private final TransactionHistory history;
    private final ZoneId zone;

    public TransactionsExecutor(Supplier<CatalogSnapshot> catalog, TransactionHistory history, ZoneId zone) {
        this.catalog = catalog;
        this.history = history;
        this.zone = zone;
    }

    public static boolean handles(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public ResultSet showTransaction(ShowTransactionStatement statement, SessionContext session) {
        String name = statement.database() != null ? statement.database() : session.database();
        if (name == null) {
            throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        DatabaseEntry database = CatalogLookup.databaseOrThrow(catalog.get(), name);
        if (statement.where() == null) {
            throw new TesseraException("Missing transaction id");
        }
        List<Entry> rows = matching(database.id(), statement.where());
        return ResultSet.of(TRANSACTION_COLUMNS, rows.stream().map(this::row).toList());
    }

    private List<Entry> matching(long databaseId, Expression where) {
        if (where instanceof LikeExpression like && !like.negated() && isColumn(like.operand(), "label")
                && like.pattern() instanceof Literal pattern && pattern.value() instanceof String text) {
            Pattern regex = Pattern.compile(text.replace("%", ".*"));
            return history.all(databaseId).stream().filter(e -> regex.matcher(e.label()).matches()).toList();
        }
        if (!(where instanceof BinaryOperation equal) || equal.operator() != BinaryOperator.EQUAL
                || !(equal.left() instanceof ColumnRef column) || !(equal.right() instanceof Literal literal)) {
            throw new TesseraException(WHERE_SHAPE);
        }
        Object value = literal.value();
        switch (column.name().toLowerCase(Locale.ROOT)) {
            case "id" -> {
                if (!(value instanceof Long id)) {
                    throw new TesseraException(WHERE_SHAPE);
                }
                return List.of(history.byId(databaseId, id).orElseThrow(
                        () -> new TesseraException("transaction with id " + id + " does not exist")));
            }
            case "label" -> {
                if (!(value instanceof String label)) {
                    throw new TesseraException(WHERE_SHAPE);
                }
                return List.of(history.all(databaseId).stream().filter(e -> e.label().equals(label)).findFirst()
                        .orElseThrow(() -> new TesseraException("transaction with label " + label
                                + " does not exist")));
            }
            case "status" -> {
                String status = value instanceof String text ? text.toLowerCase(Locale.ROOT) : "";
                if (!STATUSES.contains(status)) {
                    throw new TesseraException("status should be prepare/precommitted/committed/visible/aborted");
                }
                boolean finished = status.equals("visible") || status.equals("aborted");
                return (finished ? history.finished(databaseId) : history.running(databaseId)).stream()
                        .filter(e -> e.status().name().equalsIgnoreCase(status)).toList();
            }
            default -> throw new TesseraException(WHERE_SHAPE);
        }
    }

    private static boolean isColumn(Expression expression, String name) {
        return expression instanceof ColumnRef column && column.qualifier() == null
                && column.name().equalsIgnoreCase(name);
    }

    public ResultSet showProc(String path) {
        String rest = path.substring(PATH.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return databases();
        }
        String[] parts = rest.substring(1).split("/", -1);
        long databaseId = ProcPathIds.idOrThrow(parts[0], "Invalid db id format: ", "Db id is null");
        if (parts.length == 1) {
            if (catalog.get().database(databaseId).isEmpty()) {
                return ResultSet.of(InspectionExecutor.varchars("State", "Number"), List.of());
            }
            return ResultSet.of(InspectionExecutor.varchars("State", "Number"), List.of(
                    List.of("running", Integer.toString(history.running(databaseId).size())),
                    List.of("finished", Integer.toString(history.finished(databaseId).size()))));
        }
        String state = parts[1];
        if (!state.equals("running") && !state.equals("finished")) {
            throw new TesseraException("State is invalid");
        }
        if (catalog.get().database(databaseId).isEmpty()) {
            throw new TesseraException("databaseTransactionMgr[" + databaseId + "] does not exist");
        }
        List<Entry> entries = state.equals("running") ? history.running(databaseId) : history.finished(databaseId);
        if (parts.length == 2) {
            return ResultSet.of(TRANSACTION_COLUMNS, entries.stream().limit(MAX_SHOW_ENTRIES).map(this::row).toList());
        }
        long transactionId = ProcPathIds.idOrThrow(parts[2], "Invalid transaction id format: ",
                "Transaction id is null");
        Entry entry = entries.stream().filter(e -> e.transactionId() == transactionId).findFirst()
                .orElseThrow(() -> new TesseraException("Transaction[" + transactionId + "] does not exist."));
        if (parts.length == 3) {
            List<List<String>> rows = new ArrayList<>();
            entry.partitionVersions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(table ->
                    rows.add(List.of(Long.toString(table.getKey()), String.join(", ", table.getValue().keySet()
                            .stream().sorted().map(String::valueOf).toList()))));
            return ResultSet.of(InspectionExecutor.varchars("TableId", "CommittedPartitionIds"), rows);
        }
        long tableId = ProcPathIds.idOrThrow(parts[3], "Invalid table id format: ", "Table id is null");
        if (parts.length > 4) {
            throw new TesseraException(path + " is not a directory");
        }
        List<List<String>> rows = new ArrayList<>();
        entry.partitionVersions().getOrDefault(tableId, Map.of()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).forEach(partition -> rows.add(List.of(
                        Long.toString(partition.getKey()), Long.toString(partition.getValue()))));
        return ResultSet.of(InspectionExecutor.varchars("PartitionId", "CommittedVersion"), rows);
    }

    private ResultSet databases() {
        List<DatabaseEntry> databases = new ArrayList<>(catalog.get().databases().values());
        databases.sort(Comparator.comparingLong(DatabaseEntry::id));
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (DatabaseEntry database : databases) {
            int running = history.running(database.id()).size();
            total += running;
            rows.add(List.of(Long.toString(database.id()), database.name(), Integer.toString(running)));
        }
        rows.add(List.of("0", "Total", Long.toString(total)));
        return ResultSet.of(InspectionExecutor.varchars("DbId", "DbName", "RunningTransactionNum"), rows);
    }

    private List<String> row(Entry entry) {
        return Arrays.asList(Long.toString(entry.transactionId()), entry.label(), entry.coordinator(),
                entry.status().name(), entry.sourceType(), DisplayFormats.time(entry.prepareTimeMs(), zone), null,
                DisplayFormats.time(entry.commitTimeMs(), zone), DisplayFormats.time(entry.publishTimeMs(), zone),
                DisplayFormats.time(entry.finishTimeMs(), zone), entry.reason(),
                Integer.toString(entry.errorReplicas()), "-1", Long.toString(entry.timeoutMs()), "");
    }

}
