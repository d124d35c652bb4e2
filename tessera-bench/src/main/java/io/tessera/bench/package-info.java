/**
 * Benchmarks run by {@code bin/tessera bench}: each prints figures against a baseline measured in the
 * same run (docs/benchmarks.md). Measurement only: no timed assertions, and nothing in the product
 * depends on this module.
 */
package io.tessera.bench;
