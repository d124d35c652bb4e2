/**
 * One Stream Load on this BE: begin, commit or abort on the FE ({@code FrontendLoadClient}), read and
 * convert the body, route rows to tablets with {@code tessera-data} and write every replica through
 * {@code BackendService.WriteRows} streams ({@code TabletSink}, {@code ReplicaStream}). Never touches
 * the tablet store directly: the local replica is written over {@code be_port} like any other.
 */
package io.tessera.be.load;
