/**
 * Value rules shared by the FE and the BE, so INSERT and Stream Load agree: value conversion and
 * checks per column type ({@code ColumnValues}), row batch encoding ({@code RowBatches}), partition and
 * bucket routing ({@code TableRouting}) and the Stream Load reply. Stateless, over {@code tessera-proto}
 * types; no I/O, no threads, no FE or BE classes.
 */
package io.tessera.data;
