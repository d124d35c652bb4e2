package io.tessera.fe.mysql;

/**
 * What COM_CHANGE_USER asks of the connection: log the new user in as a login would and swap
 * the connection's session for a fresh one (so the database, user variables and session
 * variables start over), closing the old one.
 *
 * <p>Threading: called on the connection's event loop.
 */
interface UserChanger {
    /**
     * Authenticates {@code login} against the connection's scramble and opens its session.
     *
     * @throws io.tessera.common.TesseraException when the login is refused (1045) or the
     *                                            session cannot be opened
     */
    SessionHandler changeUser(HandshakeResponse login);
}
