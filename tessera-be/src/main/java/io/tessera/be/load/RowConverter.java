package io.tessera.be.load;

import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.data.ColumnValues;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a body's records into typed rows of the table (every column, in table order), with Doris's
 * rules: the {@code columns} header maps CSV fields to columns in order (a name the table lacks
 * skips its field) and names the JSON members read; columns left out take their DEFAULT (a column
 * that is NOT NULL without one fails the load). A record is rejected when its field count is wrong,
 * when NULL meets a NOT NULL column, when a string is too long, or when a value does not convert:
 * without {@code strict_mode} such a value becomes NULL (and only a NOT NULL column rejects it),
 * with it the row is rejected.
 *
 * <p>Threading: not thread-safe (cheap to make one per load).
 */
public final class RowConverter {
    private static final Object NO_DEFAULT = new Object();

    private final List<ColumnSchema> schemas = new ArrayList<>();
    private final boolean strictMode;
    /** CSV: the table column of each field, -1 for a field that is skipped. */
    private final int[] columnOfField;
    /** JSON: the member names read, and the column of each. */
    private final List<String> memberNames = new ArrayList<>();
    private final List<Integer> columnOfMember = new ArrayList<>();
    /** Each column's DEFAULT, typed; {@link #NO_DEFAULT} when it has none. */
    private final Object[] defaults;
    private final Object[] template;
    private final String separatorText;
    private final String delimiterText;

    /**
     * @throws LoadFailure when a column the load leaves out is NOT NULL and has no DEFAULT, or a
     *                     default does not fit its column, or the columns header names a column twice
     */
    public RowConverter(TableDefinition table, StreamLoadOptions options, Clock clock, ZoneId zone) {
        this.strictMode = options.strictMode();
        for (ColumnDefinition column : table.getColumnsList()) {
            schemas.add(column.getSchema());
        }
        List<String> names = options.columns().isEmpty()
                ? schemas.stream().map(ColumnSchema::getName).toList() : options.columns();
        columnOfField = new int[names.size()];
        boolean[] targeted = new boolean[schemas.size()];
        for (int i = 0; i < names.size(); i++) {
            int column = columnIndex(names.get(i));
            columnOfField[i] = column;
            if (column >= 0) {
                if (targeted[column]) {
                    throw new LoadFailure("Duplicate column: " + names.get(i));
                }
                targeted[column] = true;
                memberNames.add(names.get(i).toLowerCase(Locale.ROOT));
                columnOfMember.add(column);
            }
        }
        defaults = new Object[schemas.size()];
        template = new Object[schemas.size()];
        for (int c = 0; c < schemas.size(); c++) {
            defaults[c] = defaultOf(table.getColumns(c), clock, zone);
            if (!targeted[c]) {
                if (defaults[c] == NO_DEFAULT) {
                    throw new LoadFailure("Column has no default value. column: " + schemas.get(c).getName());
                }
                template[c] = defaults[c];
            }
        }
        separatorText = StreamLoadOptions.describe(options.columnSeparator());
        delimiterText = StreamLoadOptions.describe(options.lineDelimiter());
    }

    /** The typed row (all columns, table order) for a parsed record. */
    public Object[] convert(SourceRecord record) throws RowRejected {
        if (record.error() != null) {
            throw new RowRejected(record.error());
        }
        Object[] row = template.clone();
        if (record.fields() != null) {
            List<String> fields = record.fields();
            if (fields.size() != columnOfField.length) {
                throw new RowRejected("actual column number in csv file is " + (fields.size() < columnOfField.length
                        ? "less" : "more") + " than schema column number. actual number: " + fields.size()
                        + ", column separator: [" + separatorText + "], line delimiter: [" + delimiterText
                        + "], schema column number: " + columnOfField.length);
            }
            for (int i = 0; i < columnOfField.length; i++) {
                int column = columnOfField[i];
                if (column >= 0) {
                    row[column] = value(column, fields.get(i));
                }
            }
            return row;
        }
        Map<String, String> members = record.named();
        for (int i = 0; i < memberNames.size(); i++) {
            int column = columnOfMember.get(i);
            String name = memberNames.get(i);
            if (members.containsKey(name)) {
                row[column] = value(column, members.get(name));
            } else if (defaults[column] != NO_DEFAULT) {
                row[column] = defaults[column];
            } else {
                throw new RowRejected("null value for not null column, column=" + schemas.get(column).getName()
                        + " (the JSON object has no member '" + schemas.get(column).getName() + "')");
            }
        }
        return row;
    }

    private Object value(int column, String text) throws RowRejected {
        ColumnSchema schema = schemas.get(column);
        if (text == null) {
            if (!schema.getNullable()) {
                throw new RowRejected("null value for not null column, column=" + schema.getName());
            }
            return null;
        }
        try {
            return ColumnValues.coerce(schema, text);
        } catch (TesseraException e) {
            switch (schema.getType()) {
                case CHAR, VARCHAR, STRING -> throw new RowRejected(e.getMessage());
                default -> {
                    if (strictMode) {
                        throw new RowRejected(e.getMessage() + "; strict mode is on, so the row is filtered");
                    }
                    if (!schema.getNullable()) {
                        throw new RowRejected(e.getMessage() + "; it would be NULL, and the column is NOT NULL");
                    }
                    return null;
                }
            }
        }
    }

    private int columnIndex(String name) {
        for (int c = 0; c < schemas.size(); c++) {
            if (schemas.get(c).getName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    private static Object defaultOf(ColumnDefinition column, Clock clock, ZoneId zone) {
        ColumnSchema schema = column.getSchema();
        try {
            if (column.getDefaultCurrentTimestamp()) {
                return ColumnValues.coerce(schema, LocalDateTime.ofInstant(Instant.ofEpochMilli(clock.wallMillis()),
                        zone).withNano(0));
            }
            if (column.hasDefaultValue()) {
                return ColumnValues.coerce(schema, column.getDefaultValue());
            }
        } catch (TesseraException e) {
            throw new LoadFailure("the DEFAULT of column " + schema.getName() + " does not fit it: " + e.getMessage());
        }
        return schema.getNullable() ? null : NO_DEFAULT;
    }
}
