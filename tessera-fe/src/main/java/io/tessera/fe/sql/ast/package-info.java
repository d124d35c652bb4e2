/**
 * The immutable records the parser produces: one per statement kind and one per expression node.
 * Values only: no behaviour beyond checks and copies in constructors, no ANTLR types, no imports of
 * other FE packages.
 */
package io.tessera.fe.sql.ast;
