/**
 * The BE's settings ({@code BeConfig}), read once from {@code be.conf} with Doris's key names and
 * handed to components as typed values. Only {@code server} uses it; no component reads the file
 * itself. Parsing and defaults only, no behaviour.
 */
package io.tessera.be.config;
