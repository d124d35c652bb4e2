package io.tessera.fe.mysql;

import java.util.Map;

/**
 * How many MySQL connections the FE holds and how long it waits for them: the FE config keys
 * {@code qe_max_connection} (Doris, 1024: logged-in connections in all), {@code max_user_connections}
 * (Doris's user property, 100 for every user here since Tessera has no SET PROPERTY yet),
 * {@code max_unauthenticated_connections} (Tessera, 256: connections that have not finished logging
 * in; past it the oldest of them is closed) and {@code login_timeout_second} (Tessera, MySQL's
 * {@code connect_timeout}, 10: how long a connection may take to log in).
 *
 * @param maxConnections                {@code qe_max_connection}
 * @param maxUserConnections            {@code max_user_connections}, the same for every user
 * @param maxUnauthenticatedConnections {@code max_unauthenticated_connections}
 * @param loginTimeoutMs                {@code login_timeout_second} in milliseconds
 * @param checkIntervalMs               how often deadlines are checked: a connection closes at most this late
 */
public record ConnectionLimits(int maxConnections, int maxUserConnections, int maxUnauthenticatedConnections,
                               long loginTimeoutMs, long checkIntervalMs) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_USER_CONNECTIONS = 100;
    public static final int DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS = 256;
    public static final int DEFAULT_LOGIN_TIMEOUT_SECOND = 10;
    private static final long DEFAULT_CHECK_INTERVAL_MS = 500;

    public ConnectionLimits {
        positive("qe_max_connection", maxConnections);
        positive("max_user_connections", maxUserConnections);
        positive("max_unauthenticated_connections", maxUnauthenticatedConnections);
        positive("login_timeout_second", loginTimeoutMs);
        positive("check interval", checkIntervalMs);
    }

    /** Doris's and Tessera's defaults. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_USER_CONNECTIONS,
                DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS, DEFAULT_LOGIN_TIMEOUT_SECOND * 1000L,
                DEFAULT_CHECK_INTERVAL_MS);
    }

    /**
     * The limits fe.conf gives (canonical texts of the keys, as {@code FeConfig.fileValues()}
     * holds them), defaults for the others.
     */
    public static ConnectionLimits fromConfig(Map<String, String> values) {
        return new ConnectionLimits(
                intValue(values, "qe_max_connection", DEFAULT_MAX_CONNECTIONS),
                intValue(values, "max_user_connections", DEFAULT_MAX_USER_CONNECTIONS),
                intValue(values, "max_unauthenticated_connections", DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS),
                intValue(values, "login_timeout_second", DEFAULT_LOGIN_TIMEOUT_SECOND) * 1000L,
                DEFAULT_CHECK_INTERVAL_MS);
    }

    private static int intValue(Map<String, String> values, String key, int defaultValue) {
        String text = values.get(key);
        return text == null ? defaultValue : Integer.parseInt(text.trim());
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
