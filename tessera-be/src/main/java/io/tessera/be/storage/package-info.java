/**
 * Storage roots ({@code StorageRoot}: a {@code storage_root_path} entry and the identity files that tie
 * it to one cluster and one backend id), durable writes ({@code DurableFiles}: temporary file, fsync,
 * rename, fsync of the folder) and moves to trash. Every durable file write on the BE goes through
 * {@code DurableFiles}. Knows nothing of rowsets, loads or the FE.
 */
package io.tessera.be.storage;
