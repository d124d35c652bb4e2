/**
 * One connection's state ({@code SessionContext}: user, current database, session and user variables),
 * the FE's open connections as SHOW PROCESSLIST and KILL see them ({@code ConnectionRegistry},
 * {@code LiveConnection}, {@code RunningStatement}: soft state, thread-safe) and the system variables
 * ({@code SystemVariables}), whose global values are journaled hard state
 * changed only by {@code replay}. No SQL parsing, no protocol, no backend calls.
 */
package io.tessera.fe.session;
