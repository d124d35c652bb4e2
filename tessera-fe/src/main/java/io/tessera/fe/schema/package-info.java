/**
 * The databases a client can see and the FE's own system tables: {@code DatabaseDirectory} over the
 * system databases and catalog snapshots, and {@code information_schema} tables whose rows are
 * computed on demand ({@code SchemaTable}: SCHEMATA, TABLES, COLUMNS and the fixed ones), with
 * Doris's columns, listing only what {@code SchemaVisibility} lets the session see. Read-only: no
 * writes, no backend calls (table sizes come through {@code TableSizes}).
 */
package io.tessera.fe.schema;
