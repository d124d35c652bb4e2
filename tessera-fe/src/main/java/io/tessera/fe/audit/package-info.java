/**
 * The audit log, {@code fe.audit.log}: one line per statement in Doris's {@code |Key=value} shape,
 * written beside fe.log. {@code AuditEvents} turns a finished statement into an {@code AuditEvent}
 * (passwords stay in it until formatted), {@code AuditLog} queues events without blocking and
 * writes them on its one {@code audit-log} thread, {@code AuditLineFormat} makes the line (passwords
 * masked with {@code auth.PasswordMask}, long statements truncated), {@code RollingAuditFile} rolls
 * the file by size and time and keeps a bounded number of old ones.
 *
 * <p>Imports {@code auth} (the password mask), {@code result} and {@code sql} (a statement and its
 * answer), nothing else of the FE; {@code server} wires it, {@code config} builds its settings.
 *
 * <p>Must not live here: deciding what a statement does or whether it is allowed; the audit log
 * only records outcomes others decided. Nothing here may fail or stall a statement.
 */
package io.tessera.fe.audit;
