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
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.ShowTabletStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * SHOW TABLETS FROM t [PARTITION (...)] [WHERE ...] [ORDER BY ...] [LIMIT ...] and SHOW TABLET
 * &lt;id&gt; (reference §11.1, §12.5), with Doris master's rules and texts: the WHERE takes only
 * AND-ed equalities {@code Version = n}, {@code BackendId = n} and {@code State = 'NAME'} (the
 * state name as the enum spells it; a repeated key's last value wins; a conjunct that names no
 * column, such as {@code 1 = 1}, is ignored); ORDER BY names result columns case-insensitively;
 * LIMIT cuts the rows gathered in tablet order before the sort, as Doris's scan does. Tessera
 * tables have one (base) index per partition, whose id is the table's id and whose name is the
 * table's. Unlike Doris master, SHOW TABLET &lt;id&gt; needs no current database (it never uses
 * it; Doris 2.1 and 3.0 did not ask for one either).
 *
 * <p>Threading: reads immutable snapshots; safe from any thread.
 */
final class ShowTabletsExecutor {
    static final String WHERE_SHAPE = "Where clause should looks like: Version = \"version\", or state = "
            + "\"NORMAL|ROLLUP|CLONE|DECOMMISSION\", or BackendId = 10000 or compound predicate with operator AND";
    private static final Set<String> REPLICA_STATES = Set.of("NORMAL", "ROLLUP", "SCHEMA_CHANGE", "CLONE", "ALTER",
            "DECOMMISSION", "COMPACTION_TOO_SLOW");
    private static final List<String> TABLET_TITLES = List.of("DbName", "TableName", "PartitionName", "IndexName",
            "DbId", "TableId", "PartitionId", "IndexId", "IsSync", "Order", "QueryHits", "DetailCmd");
    private static final int VERSION = TabletRows.TABLET_TITLES.indexOf("Version");
    private static final int BACKEND_ID = TabletRows.TABLET_TITLES.indexOf("BackendId");
    private static final int STATE = TabletRows.TABLET_TITLES.indexOf("State");

    private final Supplier<CatalogSnapshot> catalog;
    private final TabletRows rows;

    ShowTabletsExecutor(Supplier<CatalogSnapshot> catalog, TabletRows rows) {
        this.catalog = catalog;
        this.rows = rows;
    }

    /** The AND-ed equalities of a SHOW TABLETS WHERE; null fields match anything. */
    private record Filter(Long version, Long backendId, String state) {
        boolean matches(List<String> row) {
            return (version == null || row.get(VERSION).equals(version.toString()))
                    && (backendId == null || row.get(BACKEND_ID).equals(backendId.toString()))
                    && (state == null || row.get(STATE).equals(state));
        }
    }

    ResultSet showTablets(ShowTabletsStatement statement, SessionContext session) {
        TableDefinition table = CatalogLookup.tableOrThrow(catalog.get(),
                DdlExecutor.databaseOf(statement.table(), session), statement.table().table());
        for (String name : statement.partitions()) {
            // Doris's text (ShowTabletsFromTableCommand, and ShowExecutor before it), error 1105.
            if (table.getPartitionsList().stream().noneMatch(p -> p.getName().equals(name))) {
                throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Unknown partition: " + name);
            }
        }
        Filter filter = filter(statement.where());
        Comparator<List<String>> order = order(statement.orderBy());
        long wanted = statement.limit() == null ? Long.MAX_VALUE
                : statement.limit() + (statement.offset() == null ? 0 : statement.offset());
        List<List<String>> result = new ArrayList<>();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            if (!statement.partitions().isEmpty() && !statement.partitions().contains(partition.getName())) {
                continue;
            }
            List<List<String>> partitionRows = new ArrayList<>();
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    List<String> row = rows.tabletRow(table, tablet, replica);
                    if (filter.matches(row)) {
                        partitionRows.add(row);
                    }
                }
            }
            partitionRows.sort(DEFAULT_ORDER);
            for (List<String> row : partitionRows) {
                if (result.size() >= wanted) {
                    break;
                }
                result.add(row);
            }
        }
        if (statement.offset() != null) {
            result = result.subList((int) Math.min(statement.offset(), result.size()), result.size());
        }
        result = new ArrayList<>(result);
        result.sort(order);
        return ResultSet.of(TabletRows.columns(TabletRows.TABLET_TITLES), result);
    }

    private static final Comparator<List<String>> DEFAULT_ORDER = Comparator
            .<List<String>>comparingLong(row -> Long.parseLong(row.get(0)))
            .thenComparingLong(row -> Long.parseLong(row.get(1)));

    ResultSet showTablet(ShowTabletStatement statement) {
        long tabletId = statement.tabletId();
        String[] names = new String[4];
        long[] ids = {-1, -1, -1, -1};
        boolean sync = false;
        int order = -1;
        for (DatabaseEntry database : catalog.get().databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (int i = 0; i < partition.getTabletsCount(); i++) {
                        if (partition.getTablets(i).getTabletId() == tabletId) {
                            names = new String[] {database.name(), table.getName(), partition.getName(),
                                table.getName()};
                            ids = new long[] {database.id(), table.getTableId(), partition.getPartitionId(),
                                table.getTableId()};
                            sync = true;
                            order = i;
                        }
                    }
                }
            }
        }
        String detail = String.format(Locale.ROOT, "SHOW PROC '/dbs/%d/%d/partitions/%d/%d/%d';", ids[0], ids[1],
                ids[2], ids[3], tabletId);
        List<String> row = Arrays.asList(names[0], names[1], names[2], names[3], Long.toString(ids[0]),
                Long.toString(ids[1]), Long.toString(ids[2]), Long.toString(ids[3]), Boolean.toString(sync),
                Integer.toString(order), "0", detail);
        return ResultSet.of(TABLET_TITLES.stream().map(t -> Column.varchar(t, 30)).toList(), List.of(row));
    }

    private static Filter filter(Expression where) {
        Filter filter = new Filter(null, null, null);
        if (where == null) {
            return filter;
        }
        for (Expression conjunct : conjuncts(where)) {
            if (!(conjunct instanceof BinaryOperation operation)) {
                throw new TesseraException(WHERE_SHAPE);
            }
            Expression left = operation.left();
            Expression right = operation.right();
            if (left instanceof Literal && right instanceof ColumnRef) {
                left = operation.right();
                right = operation.left();
            }
            if (!(left instanceof ColumnRef column)) {
                if (operation.operator() == BinaryOperator.EQUAL && right instanceof Literal) {
                    continue;
                }
                throw new TesseraException(WHERE_SHAPE);
            }
            if (operation.operator() != BinaryOperator.EQUAL || !(right instanceof Literal literal)
                    || column.qualifier() != null) {
                throw new TesseraException(WHERE_SHAPE);
            }
            Object value = literal.value();
            switch (column.name().toLowerCase(Locale.ROOT)) {
                case "version" -> filter = new Filter(integer(value), filter.backendId(), filter.state());
                case "backendid" -> filter = new Filter(filter.version(), integer(value), filter.state());
                case "state" -> {
                    if (!(value instanceof String state) || !REPLICA_STATES.contains(state)) {
                        throw new TesseraException(WHERE_SHAPE);
                    }
                    filter = new Filter(filter.version(), filter.backendId(), state);
                }
                default -> throw new TesseraException(WHERE_SHAPE);
            }
        }
        return filter;
    }

    private static Long integer(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        throw new TesseraException(WHERE_SHAPE);
    }

    private static List<Expression> conjuncts(Expression where) {
        if (where instanceof BinaryOperation operation && operation.operator() == BinaryOperator.AND) {
            List<Expression> all = new ArrayList<>(conjuncts(operation.left()));
            all.addAll(conjuncts(operation.right()));
            return all;
        }
        return List.of(where);
    }

    private static Comparator<List<String>> order(List<OrderItem> orderBy) {
        if (orderBy.isEmpty()) {
            return DEFAULT_ORDER;
        }
        Comparator<List<String>> order = null;
        for (OrderItem item : orderBy) {
            if (!(item.expression() instanceof ColumnRef column)) {
                throw new TesseraException("Should order by column");
            }
            int index = -1;
            for (int i = 0; i < TabletRows.TABLET_TITLES.size(); i++) {
                if (TabletRows.TABLET_TITLES.get(i).equalsIgnoreCase(column.name())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new TesseraException("Title name[" + column.name() + "] does not exist");
            }
            int at = index;
            Comparator<List<String>> one = Comparator.comparing(row -> row.get(at), ShowTabletsExecutor::compareCells);
            one = item.descending() ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    /** Numbers compare as numbers (Doris sorts its cells by their values), other cells as text; NULL first. */
    private static int compareCells(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }
}
