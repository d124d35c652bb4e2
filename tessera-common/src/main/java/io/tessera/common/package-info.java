/**
 * What every Tessera process shares: the injected {@code Clock} ({@code ManualClock} for tests), the
 * error model ({@code ErrorCode}, {@code TesseraException}), config-file reading, {@code BatchedState}
 * for batch-at-once visibility, the gRPC listener and the node runner. Depends on no other Tessera
 * module; nothing that only the FE or only the BE needs belongs here.
 */
package io.tessera.common;
