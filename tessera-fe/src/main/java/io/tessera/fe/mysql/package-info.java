/**
 * The MySQL wire protocol on Netty: packets, handshake (with TLS after an SSLRequest when
 * {@code enable_ssl} is on), login through an {@code Authenticator},
 * commands queued per connection with backpressure, and OK, error and result-set packets. Knows no
 * SQL: a query's text goes to the {@code SessionHandler} the wiring provides, and answers come back as
 * {@code result} values or exceptions. Nothing here blocks an event loop.
 */
package io.tessera.fe.mysql;
