package io.tessera.fe.sql.ast;

/** Where a system variable is read or set: {@code GLOBAL}, or the session ({@code SESSION}/{@code LOCAL}). */
public enum VariableScope {
    GLOBAL,
    SESSION
}
