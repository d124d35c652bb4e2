/**
 * The BE's side of heartbeats on {@code heartbeat_service_port}: answers the FE
 * ({@code HeartbeatHandler}), binds this BE to one cluster and one backend id on every storage root
 * ({@code ClusterBinding}), remembers where the FE is ({@code FrontendLocator}) and keeps the FE's
 * Watch streams. No tablet data and no load logic here.
 */
package io.tessera.be.heartbeat;
