/**
 * The BE's web server ({@code webserver_port}) on the JDK's HTTP server with a fixed pool:
 * {@code /api/health}, Stream Load ({@code StreamLoadHandler}) and load error logs. HTTP parsing and
 * replies only: what a load does is in {@code load}.
 */
package io.tessera.be.http;
