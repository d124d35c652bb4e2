/**
 * Tablet reports to the FE: {@code TabletReporter} sends every replica's version, rowset count, size,
 * rows and damage to the FE the latest heartbeat named, periodically and soon after changes. Reads
 * the tablet store; changes nothing.
 */
package io.tessera.be.report;
