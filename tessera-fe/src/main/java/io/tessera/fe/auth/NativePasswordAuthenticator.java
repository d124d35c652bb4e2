package io.tessera.fe.auth;

import java.util.OptionalLong;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;

/**
 * Checks {@code mysql_native_password} logins against the account the user and client host
 * match (the most specific host pattern wins, as in MySQL; only that account's password is
 * tried). An unknown user, a host no account matches and a wrong password get the same MySQL
 * message, so a client cannot probe for user names. Thread-safe.
 */
public final class NativePasswordAuthenticator implements Authenticator {
    private final AccessControl accessControl;

    public NativePasswordAuthenticator(AccessControl accessControl) {
        this.accessControl = accessControl;
    }

    @Override
    public void authenticate(String user, String remoteHost, byte[] scramble, byte[] authResponse) {
        boolean usingPassword = authResponse.length > 0;
        boolean accepted = accessControl.account(new UserIdentity(user, remoteHost))
                .map(account -> NativePassword.verify(account.passwordDoubleSha1(), scramble, authResponse))
                .orElse(false);
        if (!accepted) {
            throw new TesseraException(ErrorCode.ACCESS_DENIED, "Access denied for user '" + user + "'@'"
                    + remoteHost + "' (using password: " + (usingPassword ? "YES" : "NO") + ")");
        }
    }

    @Override
    public OptionalLong maxUserConnections(String user) {
        return accessControl.image().maxUserConnections(user);
    }
}
