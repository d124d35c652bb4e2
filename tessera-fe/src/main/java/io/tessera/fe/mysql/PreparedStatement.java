package io.tessera.fe.mysql;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One statement prepared by COM_STMT_PREPARE: its text, where its {@code ?} placeholders are,
 * the parameter types the client last bound (a later COM_STMT_EXECUTE may omit them) and the
 * long data sent for parameters by COM_STMT_SEND_LONG_DATA since the last execution or reset.
 *
 * <p>Threading: owned by one connection and used only on its channel's event loop.
 */
final class PreparedStatement {
    private final int id;
    private final String sql;
    private final List<Integer> placeholderOffsets;
    private final int[] parameterTypes;
    private final ByteArrayOutputStream[] longData;
    private final int maxLongDataBytes;
    private int longDataBytes;
    /** Long data was refused since the last execution; the next execution fails instead of running with part of it. */
    private boolean longDataOverflowed;
    private boolean typesBound;

    PreparedStatement(int id, String sql, List<Integer> placeholderOffsets, int maxLongDataBytes) {
        this.id = id;
        this.sql = sql;
        this.placeholderOffsets = List.copyOf(placeholderOffsets);
        this.parameterTypes = new int[placeholderOffsets.size()];
        this.longData = new ByteArrayOutputStream[placeholderOffsets.size()];
        this.maxLongDataBytes = maxLongDataBytes;
    }

    int id() {
        return id;
    }

    String sql() {
        return sql;
    }

    int parameterCount() {
        return placeholderOffsets.size();
    }

    boolean typesBound() {
        return typesBound;
    }

    /** The type code (low byte) and unsigned flag (0x8000) the client bound parameter {@code index} with. */
    int parameterType(int index) {
        return parameterTypes[index];
    }

    void bindTypes(int[] types) {
        System.arraycopy(types, 0, parameterTypes, 0, parameterTypes.length);
        typesBound = true;
    }

    /** Appends a chunk of COM_STMT_SEND_LONG_DATA to a parameter; bounded by max_allowed_packet in total. */
    void appendLongData(int index, byte[] chunk) {
        if (index < 0 || index >= longData.length) {
            throw new MalformedPacketException("long data for parameter " + index + " of a statement with "
                    + longData.length + " parameters");
        }
        if ((long) longDataBytes + chunk.length > maxLongDataBytes) {
            longDataOverflowed = true;
            throw new MalformedPacketException("long data of statement " + id + " exceeds " + maxLongDataBytes
                    + " bytes");
        }
        if (longData[index] == null) {
            longData[index] = new ByteArrayOutputStream();
        }
        longData[index].write(chunk, 0, chunk.length);
        longDataBytes += chunk.length;
    }

    /** The long data sent for a parameter, or null when none was. */
    byte[] longData(int index) {
        return longData[index] == null ? null : longData[index].toByteArray();
    }

    boolean longDataOverflowed() {
        return longDataOverflowed;
    }

    /** COM_STMT_RESET, and what every execution does once it has read the long data. */
    void clearLongData() {
        longDataOverflowed = false;
        java.util.Arrays.fill(longData, null);
        longDataBytes = 0;
    }

    /** The statement's text with each placeholder replaced by the SQL literal of its value. */
    String bind(List<String> literals) {
        StringBuilder bound = new StringBuilder(sql.length() + 16 * literals.size());
        int start = 0;
        for (int i = 0; i < placeholderOffsets.size(); i++) {
            int offset = placeholderOffsets.get(i);
            bound.append(sql, start, offset).append(literals.get(i));
            start = offset + 1;
        }
        return bound.append(sql, start, sql.length()).toString();
    }
}
