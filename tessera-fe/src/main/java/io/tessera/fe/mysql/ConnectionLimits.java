package io.tessera.fe.mysql;

import io.tessera.common.ConfigValues;
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
        ConfigValues.requirePositive("qe_max_connection", maxConnections);
        ConfigValues.requirePositive("max_user_connections", maxUserConnections);
        ConfigValues.requirePositive("max_unauthenticated_connections", maxUnauthenticatedConnections);
        ConfigValues.requirePositive("loginTimeoutMs", loginTimeoutMs);
        ConfigValues.requirePositive("checkIntervalMs", checkIntervalMs);
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
        ConfigValues config = new ConfigValues(values);
        return new ConnectionLimits(
                config.positiveInteger("qe_max_connection", DEFAULT_MAX_CONNECTIONS),
                config.positiveInteger("max_user_connections", DEFAULT_MAX_USER_CONNECTIONS),
                config.positiveInteger("max_unauthenticated_connections", DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS),
                config.positiveInteger("login_timeout_second", DEFAULT_LOGIN_TIMEOUT_SECOND) * 1000L,
                DEFAULT_CHECK_INTERVAL_MS);
    }
}
