/**
 * Load transactions, shared by INSERT and Stream Load ({@code LoadTransactions}): ids, the majority
 * check, the journaled commit, publishing versions on the backends ({@code VersionPublisher}) and the
 * journaled finish; INSERT's row routing ({@code LoadCoordinator}); and {@code StreamLoadService}, the
 * {@code LoadService} backends call on {@code rpc_port}. Running Stream Loads are soft state
 * ({@code RunningLoads}). The catalog changes only through records the metadata writer journals;
 * backend calls go through {@code rpc} only.
 */
package io.tessera.fe.txn;
