package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.Column;
import java.util.List;

/**
 * Encodes one result row in the binary protocol that answers COM_STMT_EXECUTE: a 0x00 header,
 * a NULL bitmap whose first two bits are reserved (offset 2), then each non-NULL value encoded
 * by its column's type: integers in their fixed width, FLOAT and DOUBLE as IEEE values, DATE
 * and DATETIME as the protocol's length-prefixed fields, DECIMAL and strings length-encoded.
 * Values arrive as the text the executors produce, the same text the text protocol sends.
 *
 * <p>Stateless; safe from any thread.
 */
final class BinaryRowEncoder {
    private static final int ROW_HEADER = 0x00;
    private static final int NULL_BITMAP_OFFSET = 2;

    private BinaryRowEncoder() {
    }

    static void encode(ByteBuf payload, List<Column> columns, List<String> row) {
        payload.writeByte(ROW_HEADER);
        byte[] nullBitmap = new byte[(columns.size() + 7 + NULL_BITMAP_OFFSET) / 8];
        for (int i = 0; i < columns.size(); i++) {
            if (cell(row, i) == null || columns.get(i).type() == io.tessera.fe.result.ColumnType.NULL) {
                int bit = i + NULL_BITMAP_OFFSET;
                nullBitmap[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        payload.writeBytes(nullBitmap);
        for (int i = 0; i < columns.size(); i++) {
            String cell = cell(row, i);
            if (cell != null) {
                writeValue(payload, columns.get(i), cell);
            }
        }
    }

    private static String cell(List<String> row, int index) {
        return index < row.size() ? row.get(index) : null;
    }

    private static void writeValue(ByteBuf payload, Column column, String cell) {
        try {
            switch (column.type()) {
                case TINYINT -> payload.writeByte((int) integer(cell));
                case SMALLINT -> payload.writeShortLE((int) integer(cell));
                case INT -> payload.writeIntLE((int) integer(cell));
                case BIGINT -> payload.writeLongLE(integer(cell));
                case FLOAT -> payload.writeFloatLE(Float.parseFloat(cell));
                case DOUBLE -> payload.writeDoubleLE(Double.parseDouble(cell));
                case DATE, DATETIME -> writeDateTime(payload, cell);
                case NULL -> { }
                default -> PayloadEncoding.writeLenencString(payload, cell);
            }
        } catch (NumberFormatException e) {
            throw new TesseraException(ErrorCode.INTERNAL_ERROR,
                    "value of column '" + column.name() + "' does not fit its type " + column.type());
        }
    }

    private static long integer(String cell) {
        if (cell.equalsIgnoreCase("true")) {
            return 1;
        }
        if (cell.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            // An unsigned BIGINT above Long.MAX_VALUE goes as its two's complement, as MySQL sends it.
            return Long.parseUnsignedLong(cell);
        }
    }

    /** yyyy-MM-dd[ HH:mm:ss[.ffffff]] as 0, 4, 7 or 11 bytes after the length byte. */
    private static void writeDateTime(ByteBuf payload, String cell) {
        String[] parts = cell.trim().split("[-: .T]");
        if (parts.length < 3) {
            throw new NumberFormatException(cell);
        }
        int year = Integer.parseInt(parts[0]);
        int month = Integer.parseInt(parts[1]);
        int day = Integer.parseInt(parts[2]);
        int hour = parts.length > 3 ? Integer.parseInt(parts[3]) : 0;
        int minute = parts.length > 4 ? Integer.parseInt(parts[4]) : 0;
        int second = parts.length > 5 ? Integer.parseInt(parts[5]) : 0;
        int micros = parts.length > 6 ? micros(parts[6]) : 0;
        if (micros != 0) {
            payload.writeByte(11);
        } else if (hour != 0 || minute != 0 || second != 0) {
            payload.writeByte(7);
        } else if (year != 0 || month != 0 || day != 0) {
            payload.writeByte(4);
        } else {
            payload.writeByte(0);
            return;
        }
        payload.writeShortLE(year);
        payload.writeByte(month);
        payload.writeByte(day);
        if (micros == 0 && hour == 0 && minute == 0 && second == 0) {
            return;
        }
        payload.writeByte(hour);
        payload.writeByte(minute);
        payload.writeByte(second);
        if (micros != 0) {
            payload.writeIntLE(micros);
        }
    }

    private static int micros(String fraction) {
        String digits = (fraction + "000000").substring(0, 6);
        return Integer.parseInt(digits);
    }
}
