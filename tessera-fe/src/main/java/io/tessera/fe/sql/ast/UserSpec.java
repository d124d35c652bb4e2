package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code 'user'@'host'} as a statement names it; a missing host is {@code %}, as in Doris. */
public record UserSpec(String user, String host) {
    public UserSpec {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(host, "host is null");
    }

    @Override
    public String toString() {
        return "'" + user + "'@'" + host + "'";
    }
}
