package io.tessera.fe.auth;

import io.tessera.proto.journal.UserPropertyRecord;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What SET PROPERTY set for a user name. As in Doris, properties belong to the name, not to one
 * {@code 'user'@'host'} account: {@code 'jack'@'%'} and {@code 'jack'@'10.%'} share them.
 *
 * @param maxUserConnections the user's {@code max_user_connections}; 0 when not set, and the FE
 *                           config's {@code max_user_connections} applies
 */
public record UserProperties(String user, long maxUserConnections) {
    public static final String MAX_USER_CONNECTIONS = "max_user_connections";
    /** Doris's bounds of {@code max_user_connections}. */
    public static final long MAX_USER_CONNECTIONS_LIMIT = 10_000;

    public UserProperties {
        Objects.requireNonNull(user, "user is null");
        if (maxUserConnections < 0 || maxUserConnections > MAX_USER_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("max_user_connections out of range: " + maxUserConnections);
        }
    }

    /** The user's own limit, if SET PROPERTY gave one. */
    public OptionalLong maxConnections() {
        return maxUserConnections == 0 ? OptionalLong.empty() : OptionalLong.of(maxUserConnections);
    }

    public UserPropertyRecord toRecord() {
        return UserPropertyRecord.newBuilder().setUser(user).setMaxUserConnections(maxUserConnections).build();
    }

    public static UserProperties fromRecord(UserPropertyRecord record) {
        return new UserProperties(record.getUser(), record.getMaxUserConnections());
    }
}
