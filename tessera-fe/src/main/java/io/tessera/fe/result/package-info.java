/**
 * What a statement answers: an OK ({@code OkResult}) or a text result set ({@code ResultSet}) with its
 * {@code Column}s. Immutable values that import no other FE package. Errors are not results; they are
 * {@code TesseraException}s.
 */
package io.tessera.fe.result;
