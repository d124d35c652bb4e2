/**
 * Replicas as folders of Arrow IPC rowset files with a checksummed {@code meta.pb}: {@code TabletStore}
 * (every replica; the way in for create, drop, write, publish, abort and read), {@code Replica},
 * pending writes, rowset writing and reading, and the start-up loader that verifies every checksum.
 * Every file write is durable. No network code and no FE notions beyond ids and versions.
 */
package io.tessera.be.storage.tablet;
