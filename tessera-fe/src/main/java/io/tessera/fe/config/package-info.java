/**
 * The FE's settings: {@code FeConfig}, read once from {@code fe.conf} with Doris's key names and
 * handed to components as typed records (among them {@code audit.AuditLogConfig}, the one reason this
 * package imports {@code audit}); {@code ConfigKeys}, every key Tessera reads with Doris's
 * type, default and flags; and {@code RuntimeConfigState}, the values in force for {@code SHOW /
 * ADMIN SET FRONTEND CONFIG}, journaled, with the typed {@code RuntimeConfig} the tablet scheduler
 * and decommission read. Only {@code server} reads the file; no component reads it or system
 * properties itself.
 */
package io.tessera.fe.config;
