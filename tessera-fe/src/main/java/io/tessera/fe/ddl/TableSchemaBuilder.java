package io.tessera.fe.ddl;

import io.tessera.fe.sql.ColumnTypes;
import io.tessera.data.ColumnValues;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ColumnDefinition;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.KeysType;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of a CREATE TABLE, checked and with Doris's key rule applied: the DUPLICATE KEY
 * columns must be a prefix of the columns in order; without a key clause Doris's default picks
 * up to three leading columns within 36 bytes of short key (reference §11.12). Only DUPLICATE KEY
 * tables exist so far. Stateless.
 */
public final class TableSchemaBuilder {
    private TableSchemaBuilder() {
    }

    public static List<io.tessera.proto.journal.ColumnDefinition> columns(CreateTableStatement statement) {
        if (statement.engine() != null && !statement.engine().equals("olap")) {
            throw new TesseraException("Only ENGINE = olap tables are supported, got '" + statement.engine() + "'");
        }
        if (statement.keys() != null && statement.keys().type() != KeysType.DUPLICATE) {
            throw new TesseraException(statement.keys().type() + " KEY tables are not supported yet: use DUPLICATE KEY");
        }
        if (statement.columns().isEmpty()) {
            throw new TesseraException("A table needs at least one column");
        }
        Set<String> names = new HashSet<>();
        List<ColumnSchema.Builder> schemas = new ArrayList<>();
        for (ColumnDefinition column : statement.columns()) {
            if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new TesseraException("Duplicate column name '" + column.name() + "'");
            }
            schemas.add(ColumnTypes.schema(column.name(), column.type())
                    .setNullable(column.nullable() == null || column.nullable()));
        }
        int keyCount = statement.keys() != null ? explicitKeys(statement, schemas) : defaultKeyCount(schemas);
        List<io.tessera.proto.journal.ColumnDefinition> columns = new ArrayList<>();
        for (int i = 0; i < schemas.size(); i++) {
            ColumnSchema schema = schemas.get(i).setIsKey(i < keyCount).build();
            columns.add(withDefault(statement.columns().get(i), schema));
        }
        return columns;
    }

    private static int explicitKeys(CreateTableStatement statement, List<ColumnSchema.Builder> schemas) {
        List<String> keys = statement.keys().columns();
        for (int i = 0; i < keys.size(); i++) {
            if (i >= schemas.size() || !schemas.get(i).getName().equalsIgnoreCase(keys.get(i))) {
                throw new TesseraException("Key columns should be a ordered prefix of the schema. KeyColumns["
                        + i + "] (starts from zero) is " + keys.get(i) + ", but corresponding column is "
                        + (i < schemas.size() ? schemas.get(i).getName() : "missing") + " in the previous "
                        + "columns declaration.");
            }
            DataType type = schemas.get(i).getType();
            if (type == DataType.FLOAT || type == DataType.DOUBLE || type == DataType.STRING) {
                throw new TesseraException(type + " column can not be used as a key column: '" + keys.get(i) + "'");
            }
        }
        return keys.size();
    }

    /** Doris's default DUPLICATE KEY columns. */
    static int defaultKeyCount(List<ColumnSchema.Builder> schemas) {
        int keys = 0;
        int bytes = 0;
        for (ColumnSchema.Builder schema : schemas) {
            DataType type = schema.getType();
            if (type == DataType.FLOAT || type == DataType.DOUBLE || type == DataType.STRING) {
                break;
            }
            bytes += ColumnTypes.indexSize(schema.build());
            boolean stringLike = type == DataType.CHAR || type == DataType.VARCHAR;
            if (keys == 3 || bytes > 36) {
                if (keys == 0 && stringLike) {
                    keys++;
                }
                break;
            }
            keys++;
            if (type == DataType.VARCHAR) {
                break;
            }
        }
        if (keys == 0) {
            throw new TesseraException("The olap table first column could not be float, double, string or array, "
                    + "struct, map, please use decimal or varchar instead.");
        }
        return keys;
    }

    private static io.tessera.proto.journal.ColumnDefinition withDefault(ColumnDefinition column, ColumnSchema schema) {
        io.tessera.proto.journal.ColumnDefinition.Builder definition = io.tessera.proto.journal.ColumnDefinition
                .newBuilder().setSchema(schema);
        if (column.comment() != null) {
            definition.setComment(column.comment());
        }
        if (column.defaultValue() instanceof FunctionCall call) {
            if (!call.name().equals("current_timestamp") || schema.getType() != DataType.DATETIME) {
                throw new TesseraException("Column '" + column.name() + "': DEFAULT " + column.defaultText()
                        + " is only allowed on DATETIME as CURRENT_TIMESTAMP");
            }
            definition.setDefaultCurrentTimestamp(true);
        } else if (column.defaultValue() instanceof Literal literal) {
            if (literal.value() == null) {
                if (!schema.getNullable()) {
                    throw new TesseraException("Column '" + column.name() + "' is NOT NULL: DEFAULT NULL is not allowed");
                }
            } else {
                Object typed = ColumnValues.coerce(schema, literal.value());
                definition.setDefaultValue(ColumnValues.display(schema, typed));
            }
        } else if (column.defaultValue() != null) {
            throw new TesseraException("Column '" + column.name() + "': DEFAULT must be a constant, got "
                    + column.defaultText());
        }
        return definition.build();
    }
}
