package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.ResultSet;
import java.util.List;

/**
 * Writes text-protocol result sets (column count, column definitions, rows) and the column
 * list that answers COM_FIELD_LIST. Every value goes as a length-encoded UTF-8 string, SQL
 * NULL as 0xFB; numeric columns are declared with the binary character set and NUM flag so
 * that clients convert them, dates and datetimes with the binary character set (as MySQL does).
 *
 * <p>Threading: one instance per connection, used only on its channel's event loop.
 */
final class ResultSetWriter {
    /** The binary pseudo character set, which numeric columns are sent in. */
    static final int BINARY_CHARSET = 63;
    static final int BINARY_FLAG = 128;
    static final int NUM_FLAG = 32768;
    /** A UTF-8 (utf8mb3) character takes up to 3 bytes; column lengths are in bytes. */
    private static final int UTF8_MAX_BYTES_PER_CHAR = 3;
    private static final int FIXED_FIELDS_BYTES = 0x0c;
    private static final long MAX_COLUMN_LENGTH = 0xffffffffL;

    private final ResponseWriter responses;
    private final PacketWriter packets;

    ResultSetWriter(ResponseWriter responses) {
        this.responses = responses;
        this.packets = responses.packets();
    }

    void writeResultSet(ResultSet resultSet) {
        writeResultSet(resultSet, responses.serverStatus());
    }

    /**
     * A text result set whose end carries {@code status} (more results, for a multi-statement
     * query), written whole.
     */
    void writeResultSet(ResultSet resultSet, int status) {
        ResultSetStream stream = start(resultSet, status, false);
        while (!stream.writeRows(Integer.MAX_VALUE)) {
            // writes every row at once: only for the results of a multi-statement query
        }
    }

    /**
     * Writes the column count and definitions of a result set and returns the stream that writes
     * its rows, a chunk at a time, then its end carrying {@code status}: text rows, or for
     * COM_STMT_EXECUTE binary rows ({@link BinaryRowEncoder}).
     */
    ResultSetStream start(ResultSet resultSet, int status, boolean binary) {
        List<Column> columns = resultSet.columns();
        ByteBuf count = packets.newPayload();
        PayloadEncoding.writeLenencInt(count, columns.size());
        packets.write(count);
        for (Column column : columns) {
            writeColumnDefinition(column, false);
        }
        if (!responses.deprecateEof()) {
            responses.writeEof();
        }
        return new ResultSetStream(this, resultSet, status, binary);
    }

    /** One row, text or binary. */
    void writeRow(List<Column> columns, List<String> row, boolean binary) {
        if (binary) {
            ByteBuf payload = packets.newPayload();
            BinaryRowEncoder.encode(payload, columns, row);
            packets.write(payload);
        } else {
            writeRow(row);
        }
    }

    /** The end of a result set's rows. */
    void writeEnd(ResultSet resultSet, int status) {
        responses.writeEndOfRows(resultSet.warnings().size(), status);
    }

    /**
     * The answer to COM_STMT_PREPARE: the statement id, no result columns (they are sent with
     * each execution's result set), the parameter count and one definition per parameter.
     */
    void writePrepareOk(int statementId, int parameterCount) {
        ByteBuf payload = packets.newPayload();
        payload.writeByte(0x00);
        payload.writeIntLE(statementId);
        payload.writeShortLE(0);
        payload.writeShortLE(parameterCount);
        payload.writeByte(0x00);
        payload.writeShortLE(0);
        packets.write(payload);
        if (parameterCount == 0) {
            return;
        }
        Column parameter = new Column("?", io.tessera.fe.result.ColumnType.VARCHAR, 0, 0, "", "");
        for (int i = 0; i < parameterCount; i++) {
            writeColumnDefinition(parameter, false);
        }
        if (!responses.deprecateEof()) {
            responses.writeEof();
        }
    }

    /** The answer to COM_FIELD_LIST: definitions with a default-value field, then the end. */
    void writeFieldList(List<Column> columns) {
        for (Column column : columns) {
            writeColumnDefinition(column, true);
        }
        responses.writeEndOfRows();
    }

    private void writeColumnDefinition(Column column, boolean withDefaultValue) {
        // Numbers, dates and datetimes go in the binary character set with their length in characters,
        // as MySQL sends them: drivers then show DATE as 10 wide and DATETIME as 19 whatever their charset.
        boolean binary = column.type().numeric() || column.type().temporal();
        ByteBuf payload = packets.newPayload();
        PayloadEncoding.writeLenencString(payload, "def");
        PayloadEncoding.writeLenencString(payload, column.schema());
        PayloadEncoding.writeLenencString(payload, column.table());
        PayloadEncoding.writeLenencString(payload, column.table());
        PayloadEncoding.writeLenencString(payload, column.name());
        PayloadEncoding.writeLenencString(payload, column.name());
        PayloadEncoding.writeLenencInt(payload, FIXED_FIELDS_BYTES);
        payload.writeShortLE(binary ? BINARY_CHARSET : HandshakePacket.UTF8_GENERAL_CI);
        payload.writeIntLE((int) lengthInBytes(column, binary));
        payload.writeByte(column.type().mysqlTypeCode());
        payload.writeShortLE(flags(column));
        payload.writeByte(column.decimals());
        payload.writeShortLE(0);
        if (withDefaultValue) {
            PayloadEncoding.writeLenencInt(payload, 0);
        }
        packets.write(payload);
    }

    /**
     * NUM and BINARY for numbers, BINARY for dates; a TINYINT(1), Doris's BOOLEAN, without BINARY,
     * which Connector/J and MariaDB Connector/J read as a single bit: a Boolean, as from Doris.
     */
    private static int flags(Column column) {
        if (column.type().numeric()) {
            boolean bool = column.type() == ColumnType.TINYINT && column.length() == 1;
            return bool ? NUM_FLAG : NUM_FLAG | BINARY_FLAG;
        }
        return column.type().temporal() ? BINARY_FLAG : 0;
    }

    private void writeRow(List<String> row) {
        ByteBuf payload = packets.newPayload();
        for (String cell : row) {
            if (cell == null) {
                payload.writeByte(PayloadEncoding.NULL_CELL);
            } else {
                PayloadEncoding.writeLenencString(payload, cell);
            }
        }
        packets.write(payload);
    }

    private static long lengthInBytes(Column column, boolean binary) {
        long length = Math.max(0, column.length());
        if (!binary) {
            length *= UTF8_MAX_BYTES_PER_CHAR;
        }
        return Math.min(length, MAX_COLUMN_LENGTH);
    }
}
