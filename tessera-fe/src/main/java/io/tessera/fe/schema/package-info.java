/**
 * The databases a client can see and the FE's own system tables: {@code DatabaseDirectory} over the
 * system databases and catalog snapshots, and {@code information_schema} tables whose rows are
 * computed on demand ({@code SchemaTable}). Read-only: no writes, no backend calls.
 */
package io.tessera.fe.schema;
