/**
 * Hard state about backends ({@code BackendRegistry}: who is registered, under which id, with which
 * flags) and the generate half of every backend statement ({@code BackendControl}: a request in,
 * journal records out, no state changed). {@code BackendRuntime} is the shape of the soft state that
 * heartbeats fill elsewhere; {@code ClusterView} joins the two into one immutable view whose named
 * predicates (may hold a new replica, serve a query, coordinate a load, be a clone source or
 * destination) every decision uses instead of its own checks. Only {@code replay} methods change the registry
 * (a dry run replays records onto a scratch copy: {@code BackendRegistry.simulate}). Nothing here talks to a
 * backend or reads SQL text.
 */
package io.tessera.fe.cluster;
