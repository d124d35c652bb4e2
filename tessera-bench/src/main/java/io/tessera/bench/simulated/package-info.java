/**
 * Simulated backends for scale figures: many backends in one JVM, each serving the real BE's gRPC
 * contracts with its replicas kept as metadata only, against a real FE process. Not a BE: no storage,
 * no loads, no scans.
 */
package io.tessera.bench.simulated;
