package io.tessera.fe.mysql;

import io.tessera.fe.auth.NativePassword;
import io.tessera.fe.auth.Authenticator;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.Map;

/**
 * Accepts {@code root} with no password and {@code op} with password {@code secret}; fails
 * unexpectedly for {@code crash}.
 */
final class FakeAuthenticator implements Authenticator {
    private static final Map<String, byte[]> USERS = Map.of(
            "root", NativePassword.doubleSha1(""),
            "op", NativePassword.doubleSha1("secret"));

    @Override
    public void authenticate(String user, String remoteHost, byte[] scramble, byte[] authResponse) {
        if (user.equals("crash")) {
            throw new IllegalStateException("authenticator crashed on purpose");
        }
        byte[] stored = USERS.get(user);
        if (stored == null || !NativePassword.verify(stored, scramble, authResponse)) {
            throw new TesseraException(ErrorCode.ACCESS_DENIED, "Access denied for user '" + user + "'@'"
                    + remoteHost + "' (using password: " + (authResponse.length == 0 ? "NO" : "YES") + ")");
        }
    }
}
