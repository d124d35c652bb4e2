/**
 * What every Tessera process shares: the injected {@code Clock} ({@code ManualClock} for tests), the
 * error model ({@code ErrorCode}, {@code TesseraException}), config-file reading, {@code BatchedState}
 * for batch-at-once visibility, the gRPC listener and transport (with the internal TLS of
 * {@code enable_tls}), internal RPC credentials and the node runner. Depends on no other Tessera
 * module; nothing that only the FE or only the BE needs belongs here.
 */
package io.tessera.common;
