package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * A password a statement gives: the plain text ({@code IDENTIFIED BY 'pw'}, {@code PASSWORD('pw')})
 * or a {@code mysql_native_password} hash ({@code IDENTIFIED BY PASSWORD '*6BB4...'}, or a quoted
 * string after {@code SET PASSWORD =}). The executor hashes the plain text at once; this value's
 * {@link #toString} never shows it, so a logged statement cannot leak it.
 */
public record PasswordSpec(String text, boolean hashed) {
    public PasswordSpec {
        Objects.requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        return hashed ? "PasswordSpec[hashed, *****]" : "PasswordSpec[*****]";
    }
}
