package io.tessera.fe.mysql;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parameters of a COM_STMT_EXECUTE (null bitmap, new-params-bound flag with the
 * types, then each value in the binary protocol) and turns each value into a SQL literal
 * that the statement's text can carry: a number in plain digits, anything else a quoted
 * string with its quotes and backslashes escaped. A value is therefore never parsed as SQL:
 * {@code ' OR 1=1 --} stays one string literal.
 *
 * <p>Stateless; safe from any thread.
 */
final class BinaryParameters {
    static final int TYPE_DECIMAL = 0x00;
    static final int TYPE_TINY = 0x01;
    static final int TYPE_SHORT = 0x02;
    static final int TYPE_LONG = 0x03;
    static final int TYPE_FLOAT = 0x04;
    static final int TYPE_DOUBLE = 0x05;
    static final int TYPE_NULL = 0x06;
    static final int TYPE_TIMESTAMP = 0x07;
    static final int TYPE_LONGLONG = 0x08;
    static final int TYPE_INT24 = 0x09;
    static final int TYPE_DATE = 0x0a;
    static final int TYPE_TIME = 0x0b;
    static final int TYPE_DATETIME = 0x0c;
    static final int TYPE_YEAR = 0x0d;
    static final int TYPE_NEWDECIMAL = 0xf6;
    private static final int UNSIGNED_FLAG = 0x8000;
    private static final int TYPE_MASK = 0xff;

    private BinaryParameters() {
    }

    /**
     * The literals of the statement's parameters, read from {@code reader} positioned after the
     * iteration count. Long data sent for a parameter takes the place of its value.
     */
    static List<String> readLiterals(PayloadReader reader, PreparedStatement statement) {
        int count = statement.parameterCount();
        List<String> literals = new ArrayList<>(count);
        if (statement.longDataOverflowed()) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "Parameter data sent with COM_STMT_SEND_LONG_DATA"
                    + " exceeds max_allowed_packet");
        }
        if (count == 0) {
            return literals;
        }
        byte[] nullBitmap = reader.readBytes((count + 7) / 8);
        int newParamsBound = reader.readInt1();
        if (newParamsBound == 1) {
            int[] types = new int[count];
            for (int i = 0; i < count; i++) {
                types[i] = reader.readInt2();
            }
            statement.bindTypes(types);
        } else if (newParamsBound != 0) {
            throw new MalformedPacketException("new-params-bound flag is " + newParamsBound + ", not 0 or 1");
        } else if (!statement.typesBound()) {
            throw new MalformedPacketException("parameters sent without their types on the first execution");
        }
        for (int i = 0; i < count; i++) {
            byte[] longData = statement.longData(i);
            if ((nullBitmap[i / 8] & (1 << (i % 8))) != 0) {
                literals.add("NULL");
            } else if (longData != null) {
                literals.add(quote(new String(longData, StandardCharsets.UTF_8)));
            } else {
                literals.add(readValue(reader, statement.parameterType(i)));
            }
        }
        if (reader.hasRemaining()) {
            throw new MalformedPacketException(reader.remaining() + " bytes after the last parameter");
        }
        return literals;
    }

    private static String readValue(PayloadReader reader, int typeAndFlags) {
        boolean unsigned = (typeAndFlags & UNSIGNED_FLAG) != 0;
        int type = typeAndFlags & TYPE_MASK;
        switch (type) {
            case TYPE_NULL:
                return "NULL";
            case TYPE_TINY:
                int tiny = reader.readInt1();
                return Integer.toString(unsigned ? tiny : (byte) tiny);
            case TYPE_SHORT:
            case TYPE_YEAR:
                int small = reader.readInt2();
                return Integer.toString(unsigned ? small : (short) small);
            case TYPE_LONG:
            case TYPE_INT24:
                int integer = reader.readInt4();
                return unsigned ? Integer.toUnsignedString(integer) : Integer.toString(integer);
            case TYPE_LONGLONG:
                long big = readInt8(reader);
                return unsigned ? Long.toUnsignedString(big) : Long.toString(big);
            case TYPE_FLOAT:
                return finite(Float.intBitsToFloat(reader.readInt4()));
            case TYPE_DOUBLE:
                return finite(Double.longBitsToDouble(readInt8(reader)));
            case TYPE_DECIMAL:
            case TYPE_NEWDECIMAL:
                return decimal(new String(reader.readLenencBytes(), StandardCharsets.UTF_8));
            case TYPE_DATE:
            case TYPE_DATETIME:
            case TYPE_TIMESTAMP:
                return dateTime(reader, type == TYPE_DATE);
            case TYPE_TIME:
                return time(reader);
            default:
                // Strings, blobs, JSON, ENUM, SET, BIT, GEOMETRY: length-encoded bytes.
                return quote(new String(reader.readLenencBytes(), StandardCharsets.UTF_8));
        }
    }

    private static long readInt8(PayloadReader reader) {
        long low = reader.readInt4() & 0xffffffffL;
        long high = reader.readInt4() & 0xffffffffL;
        return low | high << 32;
    }

    private static String finite(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "Parameter value " + value + " is not a number");
        }
        return new BigDecimal(Double.toString(value)).toPlainString();
    }

    private static String decimal(String text) {
        try {
            return new BigDecimal(text.trim()).toPlainString();
        } catch (NumberFormatException e) {
            throw new MalformedPacketException("decimal parameter is not a number");
        }
    }

    private static String dateTime(PayloadReader reader, boolean dateOnly) {
        int length = reader.readInt1();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("date parameter of " + length + " bytes");
        }
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (length >= 4) {
            year = reader.readInt2();
            month = reader.readInt1();
            day = reader.readInt1();
        }
        if (length >= 7) {
            hour = reader.readInt1();
            minute = reader.readInt1();
            second = reader.readInt1();
        }
        if (length == 11) {
            micros = reader.readInt4() & 0xffffffffL;
        }
        String date = String.format("%04d-%02d-%02d", year, month, day);
        if (dateOnly) {
            return quote(date);
        }
        String time = String.format("%s %02d:%02d:%02d", date, hour, minute, second);
        return quote(micros == 0 ? time : time + String.format(".%06d", micros));
    }

    private static String time(PayloadReader reader) {
        int length = reader.readInt1();
        if (length != 0 && length != 8 && length != 12) {
            throw new MalformedPacketException("time parameter of " + length + " bytes");
        }
        if (length == 0) {
            return quote("00:00:00");
        }
        boolean negative = reader.readInt1() == 1;
        long days = reader.readInt4() & 0xffffffffL;
        int hour = reader.readInt1();
        int minute = reader.readInt1();
        int second = reader.readInt1();
        long micros = length == 12 ? reader.readInt4() & 0xffffffffL : 0;
        String time = String.format("%s%02d:%02d:%02d", negative ? "-" : "", days * 24 + hour, minute, second);
        return quote(micros == 0 ? time : time + String.format(".%06d", micros));
    }

    /** A single-quoted string literal: quotes doubled, backslashes escaped. */
    static String quote(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                literal.append("''");
            } else if (c == '\\') {
                literal.append("\\\\");
            } else {
                literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }
}
