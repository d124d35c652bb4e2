package io.tessera.fe.mysql;

import java.util.Objects;

/**
 * The client's HandshakeResponse41, parsed. Which fields are present depends on the
 * capability flags the client sends, intersected with the server's.
 *
 * <p>Immutable.
 *
 * @param capabilities the flags in effect for the connection
 * @param user         the user name
 * @param authResponse the client's scramble answer (empty for an empty password)
 * @param database     the database to start in, or null
 * @param authPlugin   the plugin the answer was computed for, or null if not said
 */
record HandshakeResponse(Capabilities capabilities, String user, byte[] authResponse, String database,
        String authPlugin) {
    /** Flags, max packet size, character set and filler. */
    private static final int FIXED_PART_BYTES = 32;
    private static final int FILLER_BYTES = 23;

    HandshakeResponse {
        Objects.requireNonNull(capabilities, "capabilities is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(authResponse, "authResponse is null");
    }

    /**
     * Parses a HandshakeResponse41 payload.
     *
     * @throws MalformedPacketException when the payload is not one (including an SSL request,
     *                                  which reaches this parser only when SSL is not offered or
     *                                  the connection is already encrypted, and the pre-4.1
     *                                  format, which is not supported)
     */
    static HandshakeResponse parse(byte[] payload, Capabilities server) {
        PayloadReader reader = new PayloadReader(payload);
        if (payload.length < FIXED_PART_BYTES) {
            throw new MalformedPacketException(
                    "handshake response of " + payload.length + " bytes is shorter than " + FIXED_PART_BYTES);
        }
        int clientFlags = reader.readInt4();
        if ((clientFlags & Capabilities.PROTOCOL_41) == 0) {
            throw new MalformedPacketException("client does not speak protocol 4.1");
        }
        if (payload.length == FIXED_PART_BYTES && (clientFlags & Capabilities.SSL) != 0) {
            throw new MalformedPacketException(server.has(Capabilities.SSL)
                    ? "SSL request on a connection already encrypted" : "SSL request although SSL is not offered");
        }
        Capabilities capabilities = server.intersect(clientFlags);
        reader.readInt4(); // the client's max packet size: the server's limit is what counts
        reader.readInt1(); // character set: everything is decoded as UTF-8
        reader.skip(FILLER_BYTES);
        String user = reader.readNulTerminatedString();
        byte[] authResponse = readAuthResponse(reader, capabilities);
        String database = null;
        if (capabilities.has(Capabilities.CONNECT_WITH_DB) && reader.hasRemaining()) {
            database = reader.readNulTerminatedOrRestString();
            if (database.isEmpty()) {
                database = null;
            }
        }
        String authPlugin = null;
        if (capabilities.has(Capabilities.PLUGIN_AUTH) && reader.hasRemaining()) {
            authPlugin = reader.readNulTerminatedOrRestString();
        }
        // Connect attributes (CONNECT_ATTRS) follow; Tessera has no use for them.
        return new HandshakeResponse(capabilities, user, authResponse, database, authPlugin);
    }

    /**
     * Parses a COM_CHANGE_USER payload after its command byte: user, auth response, database,
     * character set and plugin, under the connection's capabilities.
     */
    static HandshakeResponse parseChangeUser(PayloadReader reader, Capabilities capabilities) {
        String user = reader.readNulTerminatedString();
        byte[] authResponse = capabilities.has(Capabilities.SECURE_CONNECTION)
                ? reader.readBytes(reader.readInt1()) : reader.readNulTerminatedBytes();
        String database = reader.hasRemaining() ? reader.readNulTerminatedOrRestString() : "";
        String authPlugin = null;
        if (reader.remaining() >= 2) {
            reader.readInt2(); // character set: everything is decoded as UTF-8
            if (capabilities.has(Capabilities.PLUGIN_AUTH) && reader.hasRemaining()) {
                authPlugin = reader.readNulTerminatedOrRestString();
            }
        }
        return new HandshakeResponse(capabilities, user, authResponse, database.isEmpty() ? null : database,
                authPlugin);
    }

    /** The same login with the answer to an auth switch request. */
    HandshakeResponse withAuthResponse(byte[] switchedResponse) {
        return new HandshakeResponse(capabilities, user, switchedResponse, database,
                HandshakePacket.NATIVE_PASSWORD_PLUGIN);
    }

    /** True when the client's answer is for a plugin other than mysql_native_password. */
    boolean needsAuthSwitch() {
        return authPlugin != null
                && !authPlugin.equals(HandshakePacket.NATIVE_PASSWORD_PLUGIN)
                && authResponse.length > 0;
    }

    private static byte[] readAuthResponse(PayloadReader reader, Capabilities capabilities) {
        if (capabilities.has(Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            return reader.readLenencBytes();
        }
        if (capabilities.has(Capabilities.SECURE_CONNECTION)) {
            return reader.readBytes(reader.readInt1());
        }
        return reader.readNulTerminatedBytes();
    }
}
