package io.tessera.fe.sql.ast;

/** One assignment inside a {@link SetStatement}. */
public sealed interface SetItem permits SetSystemVariable, SetUserVariable, SetNames {
}
