/**
 * Who may do what: accounts and their global privileges ({@code AccessControl}), the
 * {@code mysql_native_password} scheme and login check, and the plain password check that HTTP and
 * Stream Load use. Knows no SQL, no protocol and no statements: callers ask "may this user do this"
 * and turn the answer into their own reply. Imports no other FE package today; when users and grants
 * become journaled state here, they change only through {@code replay}.
 */
package io.tessera.fe.auth;
