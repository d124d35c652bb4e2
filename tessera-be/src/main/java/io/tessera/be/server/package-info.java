/**
 * The BE's wiring: {@code Backend} opens the storage roots, loads the replicas, and owns every
 * listener, thread pool and background task and their start order; {@code BackendMain} is
 * {@code run-be}. The only package that imports every other, and none imports it. No logic beyond
 * wiring.
 */
package io.tessera.be.server;
