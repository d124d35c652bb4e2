/**
 * The FE's HTTP port ({@code http_port}) on Netty: {@code /api/health} and the first hop of a Stream
 * Load, which checks the user and the table and redirects (307) to a backend that
 * {@code LoadBackendChooser} picks. Never reads a load's body, never writes metadata, never calls a
 * backend.
 */
package io.tessera.fe.http;
