/**
 * The FE's expression engine: evaluates scalar SQL expressions over one row with MySQL's value and
 * NULL rules ({@code ExpressionEvaluator}, {@code ScalarFunctions}, {@code SqlValues}). Pure
 * computation: no catalog, no backends, no journal. Aggregates are not evaluated here; {@code query}
 * merges them.
 */
package io.tessera.fe.expr;
