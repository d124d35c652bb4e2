/**
 * One connection's state ({@code SessionContext}: user, current database, session and user variables)
 * and the system variables ({@code SystemVariables}), whose global values are journaled hard state
 * changed only by {@code replay}. No SQL parsing, no protocol, no backend calls.
 */
package io.tessera.fe.session;
