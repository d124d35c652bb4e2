package io.tessera.fe.auth;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.security.MessageDigest;

/**
 * Checks a user name and a plain password, as HTTP Basic auth and Stream Load send them, against
 * the account the user and client host match in {@link AccessControl}: the password's double
 * SHA-1 must equal the stored one (both empty for an account without a password). An unknown user
 * and a wrong password get the same message. Thread-safe.
 */
public final class PlainPasswordCheck {
    private final AccessControl accessControl;

    public PlainPasswordCheck(AccessControl accessControl) {
        this.accessControl = accessControl;
    }

    public boolean accepts(String user, String password, String remoteHost) {
        byte[] offered = NativePassword.doubleSha1(password == null ? "" : password);
        return accessControl.account(new UserIdentity(user == null ? "" : user, remoteHost))
                .map(account -> MessageDigest.isEqual(account.passwordDoubleSha1(), offered))
                .orElse(false);
    }

    /** Throws MySQL's access-denied error (1045) unless the password is right. */
    public void checkOrThrow(String user, String password, String remoteHost) {
        if (!accepts(user, password, remoteHost)) {
            throw new TesseraException(ErrorCode.ACCESS_DENIED, "Access denied for user '" + user + "'@'"
                    + remoteHost + "' (using password: " + (password == null || password.isEmpty() ? "NO" : "YES")
                    + ")");
        }
    }
}
