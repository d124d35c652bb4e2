/**
 * Liveness, the FE's soft state about backends: {@code HeartbeatManager} heartbeats every registered
 * backend from one thread and keeps a Watch stream to each, over {@code rpc.HeartbeatLine}s;
 * {@code LivenessTransitions} turns each outcome into the next state as a pure function. Also the
 * cluster identity in {@code meta_dir/VERSION}. Nothing here is journaled or changes the registry,
 * and nothing here touches a gRPC channel or stub: that is {@code rpc}'s.
 */
package io.tessera.fe.heartbeat;
