/**
 * The one door for FE to BE calls: {@code BackendCalls} is every data call (create and drop tablet,
 * write rows, publish, abort, scan; clone next), {@code GrpcBackendCalls} its one implementation,
 * which owns the channels ({@code DataChannels}), the calls in flight per backend and in total
 * ({@code CallPermits}), deadlines, the retry rule and the translation of a backend's typed status
 * or a transport failure into a {@code BackendError}. Heartbeats go through {@code HeartbeatLines}.
 * No other FE package opens a channel or touches a gRPC stub. Knows no statements and changes no
 * state.
 */
package io.tessera.fe.rpc;
