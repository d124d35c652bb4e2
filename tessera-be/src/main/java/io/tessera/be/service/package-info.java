/**
 * {@code BackendService} on {@code be_port}: create and drop tablets, write rows, publish versions,
 * abort transactions and scan, over the tablet store. Every answer carries a {@code Status}; no call
 * ends with a gRPC error. Translation only: the rules of replicas and files live in
 * {@code storage.tablet}.
 */
package io.tessera.be.service;
