package io.tessera.fe.auth;

import java.util.Objects;

/** A logged-in user and the address they came from: {@code 'root'@'127.0.0.1'}. */
public record UserIdentity(String user, String host) {
    public UserIdentity {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(host, "host is null");
    }

    /** {@code 'root'@'127.0.0.1'}, as MySQL writes it. */
    @Override
    public String toString() {
        return "'" + user + "'@'" + host + "'";
    }
}
