/**
 * Vectorized reads of one replica view: filters compiled from {@code data.proto} expressions,
 * projection and partial aggregation, a record batch at a time, with output in bounded batches.
 * Read-only: never changes a replica. No gRPC; the service streams what a scan produces.
 */
package io.tessera.be.storage.scan;
