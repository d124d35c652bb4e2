package io.tessera.fe.auth;

import java.util.Objects;

/**
 * An account's key: a user name and a MySQL host pattern ({@code %}, an exact host, or a pattern
 * such as {@code 127.0.%}). Unlike {@link UserIdentity}, which names where a session came from,
 * this names an account that logins from many hosts may match.
 */
public record AccountName(String user, String host) implements Comparable<AccountName> {
    public AccountName {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(host, "host is null");
    }

    /** {@code 'root'@'%'}, as Doris's SHOW GRANTS writes it. */
    @Override
    public String toString() {
        return "'" + user + "'@'" + host + "'";
    }

    /** Sorted as SHOW GRANTS sorts its rows: by the displayed text. */
    @Override
    public int compareTo(AccountName other) {
        return toString().compareTo(other.toString());
    }
}
