package io.tessera.fe.result;

/**
 * What a statement returns to a client: an OK with a count and an info text, or a result set.
 * Errors are not results: they are {@link io.tessera.common.TesseraException}s.
 */
public sealed interface QueryResult permits OkResult, ResultSet {
}
