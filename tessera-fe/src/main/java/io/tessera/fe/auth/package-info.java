/**
 * Who may do what: accounts, roles and grants as journaled hard state ({@code Accounts}, changed
 * only through {@code replay}; {@code AccountChanges} and {@code GrantorRules} generate and guard
 * the records), MySQL host patterns, the privilege check ({@code AccessControl}), the
 * {@code mysql_native_password} scheme and login check, and the plain password check that HTTP and
 * Stream Load use. Knows no statements and no protocol: callers ask "may this session do this" and
 * turn the answer into their own reply ({@code PasswordMask} is a text rule for log lines, not a
 * parse). Imports only {@code meta}, for the {@code JournaledState} contract.
 */
package io.tessera.fe.auth;
