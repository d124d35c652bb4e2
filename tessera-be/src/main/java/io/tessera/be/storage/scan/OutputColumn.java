package io.tessera.be.storage.scan;

import com.google.protobuf.ByteString;
import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.proto.data.ColumnVector;

/**
 * Builds one {@link ColumnVector} of a result batch in data.proto's encoding, keeping the null flags
 * empty until the first NULL arrives (then earlier rows are back-filled with false), and counting
 * roughly how many bytes it holds so results can be cut at about a megabyte.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class OutputColumn {
    private final WireEncoding encoding;
    private ColumnVector.Builder builder = ColumnVector.newBuilder();
    private int rows;
    private boolean hasNulls;
    private long bytes;

    /** @param encoding which field the values go to ({@link WireEncoding#WIDE_DECIMAL}: text in string_values) */
    OutputColumn(WireEncoding encoding) {
        this.encoding = encoding;
    }

    void addLong(long value) {
        notNull();
        builder.addIntValues(value);
        bytes += 8;
    }

    void addDouble(double value) {
        notNull();
        builder.addDoubleValues(value);
        bytes += 8;
    }

    void addBytes(byte[] data, int offset, int length) {
        notNull();
        builder.addStringValuesBytes(ByteString.copyFrom(data, offset, length));
        bytes += length + 2;
    }

    void addText(String text) {
        notNull();
        builder.addStringValues(text);
        bytes += text.length() + 2;
    }

    void addNull() {
        if (!hasNulls) {
            hasNulls = true;
            for (int i = 0; i < rows; i++) {
                builder.addNulls(false);
            }
        }
        builder.addNulls(true);
        switch (encoding) {
            case INT -> builder.addIntValues(0);
            case DOUBLE -> builder.addDoubleValues(0);
            case STRING, WIDE_DECIMAL -> builder.addStringValues("");
        }
        rows++;
        bytes += 2;
    }

    private void notNull() {
        if (hasNulls) {
            builder.addNulls(false);
        }
        rows++;
    }

    long bytes() {
        return bytes;
    }

    /** The vector so far; the column starts over empty. */
    ColumnVector take() {
        ColumnVector vector = builder.build();
        builder = ColumnVector.newBuilder();
        rows = 0;
        hasNulls = false;
        bytes = 0;
        return vector;
    }
}
