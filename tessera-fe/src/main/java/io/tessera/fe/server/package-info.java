/**
 * The FE's wiring: {@code Frontend} builds every component from {@code FeConfig} and owns the start and
 * stop order, {@code StatementPipeline} connects state, writer, journal and executors and holds the one
 * list of journaled states, {@code FrontendSession} parses and dispatches a connection's statements.
 * The only package that imports every other, and none imports it. No logic beyond wiring.
 */
package io.tessera.fe.server;
