/**
 * SELECT over one table of the catalog: splits WHERE into backend filters and an FE residual, prunes
 * partitions, pushes partial aggregation down, reads one readable replica per tablet
 * ({@code ReplicaScanner}, through {@code rpc}) and groups, sorts and limits on the FE. Reads
 * snapshots only: nothing here writes metadata.
 */
package io.tessera.fe.query;
