/**
 * {@code bin/tessera}: the local-cluster commands ({@code TesseraCli}, {@code LocalCluster}) and the
 * node launcher that tests and benchmarks share. Starts nodes as separate processes and talks to them
 * over their public ports only; imports no FE or BE class.
 */
package io.tessera.cli;
