package io.tessera.fe.mysql;

/**
 * The MySQL capability flags of one connection: what the server offers in its handshake,
 * intersected with what the client answers. Which optional fields a packet carries depends on
 * these flags, so parsers and writers consult them.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param flags the capability bits in effect
 */
record Capabilities(int flags) {
    public static final int LONG_PASSWORD = 1;
    public static final int FOUND_ROWS = 1 << 1;
    public static final int LONG_FLAG = 1 << 2;
    public static final int CONNECT_WITH_DB = 1 << 3;
    public static final int COMPRESS = 1 << 5;
    public static final int PROTOCOL_41 = 1 << 9;
    /** CLIENT_INTERACTIVE: the client is a person's console; interactive_timeout limits its idle time. */
    public static final int INTERACTIVE = 1 << 10;
    public static final int SSL = 1 << 11;
    public static final int TRANSACTIONS = 1 << 13;
    public static final int SECURE_CONNECTION = 1 << 15;
    public static final int MULTI_STATEMENTS = 1 << 16;
    public static final int MULTI_RESULTS = 1 << 17;
    public static final int PLUGIN_AUTH = 1 << 19;
    public static final int CONNECT_ATTRS = 1 << 20;
    public static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    public static final int SESSION_TRACK = 1 << 23;
    public static final int DEPRECATE_EOF = 1 << 24;

    /**
     * What Tessera's server offers without TLS: no SSL, no compression and no session tracking.
     */
    public static final Capabilities SERVER = new Capabilities(LONG_PASSWORD | FOUND_ROWS | LONG_FLAG
            | CONNECT_WITH_DB | PROTOCOL_41 | INTERACTIVE | TRANSACTIONS | SECURE_CONNECTION | MULTI_STATEMENTS
            | MULTI_RESULTS
            | PLUGIN_AUTH | CONNECT_ATTRS | PLUGIN_AUTH_LENENC_CLIENT_DATA | DEPRECATE_EOF);

    /** What the server offers: {@link #SERVER}, with CLIENT_SSL when the port has TLS ({@code enable_ssl}). */
    public static Capabilities server(boolean tls) {
        return tls ? new Capabilities(SERVER.flags | SSL) : SERVER;
    }

    /** True when every bit of {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** The flags both sides have, given the client's flags. */
    public Capabilities intersect(int clientFlags) {
        return new Capabilities(flags & clientFlags);
    }

    /** Result sets end with an OK packet (header 0xFE) instead of an EOF packet. */
    public boolean deprecateEof() {
        return has(DEPRECATE_EOF);
    }
}
