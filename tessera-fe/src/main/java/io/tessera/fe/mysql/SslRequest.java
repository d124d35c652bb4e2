package io.tessera.fe.mysql;

/**
 * A client's SSLRequest, already answered by putting TLS on the connection ({@link TlsUpgrade}); tells
 * the {@link ConnectionHandler} that the handshake response comes next, encrypted.
 *
 * @param sequenceId   the packet's sequence id (1)
 * @param clientFlags  the capability flags it carried
 */
record SslRequest(int sequenceId, int clientFlags) {
}
