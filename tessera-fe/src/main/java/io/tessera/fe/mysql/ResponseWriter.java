package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import java.util.function.IntSupplier;

/**
 * Writes the protocol's small response packets (OK, ERR, EOF and the OK that ends a result
 * set when the client asked for DEPRECATE_EOF) through a connection's {@link PacketWriter}.
 *
 * <p>Threading: one instance per connection, used only on its channel's event loop.
 */
final class ResponseWriter {
    private static final int OK_HEADER = 0x00;
    private static final int EOF_HEADER = 0xfe;
    private static final int ERR_HEADER = 0xff;
    private static final String UNKNOWN_ERROR = "Unknown error";

    private final PacketWriter packets;
    private final boolean deprecateEof;
    private final IntSupplier serverStatus;

    /**
     * @param serverStatus the status flags every answer carries unless told otherwise: the
     *     session's autocommit and open transaction, read when the answer is written
     */
    ResponseWriter(PacketWriter packets, Capabilities capabilities, IntSupplier serverStatus) {
        this.packets = packets;
        this.deprecateEof = capabilities.deprecateEof();
        this.serverStatus = serverStatus;
    }

    /** The session's status flags now (SERVER_STATUS_AUTOCOMMIT, SERVER_STATUS_IN_TRANS). */
    int serverStatus() {
        return serverStatus.getAsInt();
    }

    PacketWriter packets() {
        return packets;
    }

    boolean deprecateEof() {
        return deprecateEof;
    }

    void writeOk(OkResult result) {
        writeOk(result, serverStatus());
    }

    /** An OK packet with these status flags (with more results, for a multi-statement query). */
    void writeOk(OkResult result, int status) {
        ByteBuf payload = packets.newPayload();
        payload.writeByte(OK_HEADER);
        PayloadEncoding.writeLenencInt(payload, Math.max(0, result.affectedRows()));
        PayloadEncoding.writeLenencInt(payload, 0); // last insert id
        payload.writeShortLE(status);
        payload.writeShortLE(Math.min(0xffff, Math.max(0, result.warnings())));
        if (!result.info().isEmpty()) {
            // Length-encoded, as MySQL and Doris send it and Connector/J reads it.
            PayloadEncoding.writeLenencString(payload, result.info());
        }
        packets.write(payload);
    }

    void writeError(TesseraException error) {
        writeError(error.code(), error.clientMessage());
    }

    /** An ERR packet with the code's number and SQLSTATE and an already rendered message. */
    void writeError(ErrorCode code, String message) {
        ByteBuf payload = packets.newPayload();
        payload.writeByte(ERR_HEADER);
        payload.writeShortLE(code.mysqlCode());
        payload.writeByte('#');
        PayloadEncoding.writeString(payload, code.sqlState());
        PayloadEncoding.writeString(payload, message == null || message.isEmpty() ? UNKNOWN_ERROR : message);
        packets.write(payload);
    }

    /** A classic EOF packet: no warnings, the session's status. */
    void writeEof() {
        writeEof(0, serverStatus());
    }

    /** A classic EOF packet with a warning count and status flags. */
    private void writeEof(int warnings, int status) {
        ByteBuf payload = packets.newPayload();
        payload.writeByte(EOF_HEADER);
        payload.writeShortLE(warningCount(warnings));
        payload.writeShortLE(status);
        packets.write(payload);
    }

    /**
     * What ends column definitions or rows: an EOF packet, or with DEPRECATE_EOF an OK packet
     * whose header is 0xFE.
     */
    void writeEndOfRows() {
        writeEndOfRows(0);
    }

    /** {@link #writeEndOfRows()} carrying the statement's warning count, as MySQL's last EOF does. */
    void writeEndOfRows(int warnings) {
        writeEndOfRows(warnings, serverStatus());
    }

    /** {@link #writeEndOfRows(int)} with these status flags. */
    void writeEndOfRows(int warnings, int status) {
        if (!deprecateEof) {
            writeEof(warnings, status);
            return;
        }
        ByteBuf payload = packets.newPayload();
        payload.writeByte(EOF_HEADER);
        PayloadEncoding.writeLenencInt(payload, 0);
        PayloadEncoding.writeLenencInt(payload, 0);
        payload.writeShortLE(status);
        payload.writeShortLE(warningCount(warnings));
        packets.write(payload);
    }

    private static int warningCount(int warnings) {
        return Math.min(0xffff, Math.max(0, warnings));
    }

    /** A payload of bare text, as COM_STATISTICS answers. */
    void writeText(String text) {
        ByteBuf payload = packets.newPayload();
        PayloadEncoding.writeString(payload, text);
        packets.write(payload);
    }

    void flush() {
        packets.flush();
    }
}
