/**
 * SQL text to immutable statement records: {@code SqlParser} runs the ANTLR grammar (in
 * {@code src/main/antlr4}; the generated parser exists only under {@code target/}) and the builders
 * turn parse trees into {@code sql.ast} records. Nothing of ANTLR leaves this package. Imports no other
 * FE package and has no semantics: no catalog lookups, no privileges, no execution.
 */
package io.tessera.fe.sql;
