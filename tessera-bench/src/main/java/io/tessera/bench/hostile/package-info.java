/**
 * {@code bin/tessera bench hostile}: issue 15's attacks run again at the scale against a
 * real local cluster (forged internal RPCs, bad ADD BACKEND hosts, mutated statements, a flood of
 * sockets that never log in, a 1M-row SELECT *, slow HTTP clients, a log flood), each reported
 * with what the last version did and what this one does. Measurement only: nothing in the product
 * depends on it.
 */
package io.tessera.bench.hostile;
