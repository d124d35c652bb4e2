/**
 * Liveness, the FE's soft state about backends: {@code HeartbeatManager} heartbeats every registered
 * backend from one thread and keeps a Watch stream to each; {@code LivenessTransitions} turns each
 * outcome into the next state as a pure function. Also the cluster identity in
 * {@code meta_dir/VERSION}. Nothing here is journaled or changes the registry. It owns the only
 * channels to {@code heartbeat_service_port}; data calls to backends go through {@code rpc}.
 */
package io.tessera.fe.heartbeat;
