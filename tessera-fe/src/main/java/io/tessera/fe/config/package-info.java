/**
 * The FE's settings ({@code FeConfig}), read once from {@code fe.conf} with Doris's key names and
 * handed to components as typed records. Only {@code server} uses it; no component reads the file or
 * system properties itself. Parsing and defaults only, no behaviour.
 */
package io.tessera.fe.config;
