/**
 * Table DDL analysis: CREATE TABLE's columns, keys, partitions, distribution and replication into a
 * complete table definition, ADD PARTITION's layout, SHOW CREATE TABLE printing, and
 * {@code ReplicaCreator}, which creates replicas on backends before the record naming them is
 * journaled and drops them again if it is not. The builders are stateless and change no state; the
 * executors submit their output through the metadata writer. Backend calls go through {@code rpc} only.
 */
package io.tessera.fe.ddl;
