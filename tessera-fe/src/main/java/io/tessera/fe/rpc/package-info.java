/**
 * The one door for FE to BE calls on {@code be_port}: {@code DataChannels} keeps one gRPC channel per
 * backend, {@code GrpcCalls} bridges stubs to futures. Every FE to BE call, its deadlines, retries,
 * fan-out limits and error translation belong here; no other package opens a channel to
 * {@code be_port}. Knows no statements and changes no state.
 */
package io.tessera.fe.rpc;
