package io.tessera.fe.mysql;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts the logged-in MySQL connections, in all and by user, and refuses a login past
 * {@code qe_max_connection} or the user's {@code max_user_connections} (its own, set with SET
 * PROPERTY, else the FE config's) with Doris's error
 * ({@code 1203 Reach limit of connections. Total: 1024, User: 100, Current: 1024}), sent after the
 * password was checked, as Doris does. Connections still logging in are not counted here (see
 * {@link ConnectionWatch}), so a flood of them cannot take the places of real clients.
 *
 * <p>Threading: thread-safe; every method holds the object's lock briefly.
 */
final class ConnectionAdmission {
    private final int maxConnections;
    private final int maxUserConnections;
    private final Map<String, Integer> byUser = new HashMap<>();
    private int total;

    ConnectionAdmission(int maxConnections, int maxUserConnections) {
        this.maxConnections = maxConnections;
        this.maxUserConnections = maxUserConnections;
    }

    /**
     * Counts a login of {@code user}, or refuses it.
     *
     * @param userLimit the user's own {@code max_user_connections}; empty for the FE-wide one
     * @throws TesseraException TOO_MANY_USER_CONNECTIONS when either limit is reached; nothing is counted then
     */
    synchronized void admit(String user, OptionalLong userLimit) {
        int ofUser = byUser.getOrDefault(user, 0);
        long limitOfUser = userLimit.orElse(maxUserConnections);
        if (total >= maxConnections || ofUser >= limitOfUser) {
            int current = total >= maxConnections ? total : ofUser;
            throw new TesseraException(ErrorCode.TOO_MANY_USER_CONNECTIONS, "Reach limit of connections. Total: "
                    + maxConnections + ", User: " + limitOfUser + ", Current: " + current);
        }
        total++;
        byUser.put(user, ofUser + 1);
    }

    /** A connection counted by {@link #admit} ended (or changed user, before the new one is admitted). */
    synchronized void release(String user) {
        Integer ofUser = byUser.get(user);
        if (ofUser == null) {
            return;
        }
        total--;
        if (ofUser == 1) {
            byUser.remove(user);
        } else {
            byUser.put(user, ofUser - 1);
        }
    }

    synchronized int total() {
        return total;
    }
}
