package io.tessera.fe.auth;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.Authenticator;
import io.tessera.fe.auth.NativePassword;

/**
 * Checks {@code mysql_native_password} logins against the accounts in {@link AccessControl}. An
 * unknown user and a wrong password get the same MySQL message, so a client cannot probe for
 * user names. Thread-safe.
 */
public final class NativePasswordAuthenticator implements Authenticator {
    private final AccessControl accessControl;

    public NativePasswordAuthenticator(AccessControl accessControl) {
        this.accessControl = accessControl;
    }

    @Override
    public void authenticate(String user, String remoteHost, byte[] scramble, byte[] authResponse) {
        boolean usingPassword = authResponse.length > 0;
        boolean accepted = accessControl.account(user)
                .map(account -> account.hasPassword()
                        ? NativePassword.verify(account.passwordDoubleSha1(), scramble, authResponse)
                        : !usingPassword)
                .orElse(false);
        if (!accepted) {
            throw new TesseraException(ErrorCode.ACCESS_DENIED, "Access denied for user '" + user + "'@'"
                    + remoteHost + "' (using password: " + (usingPassword ? "YES" : "NO") + ")");
        }
    }
}
