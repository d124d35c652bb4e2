/**
 * Tablet reports from backends, soft state: the latest report of each backend ({@code TabletReports}),
 * the reconciliation of a report against the catalog ({@code ReportReconciler}, a decision only), and
 * what follows from it: unknown replicas moved to trash, stray pending rowsets aborted. Never journals
 * anything and never changes the catalog; backend calls go through {@code rpc}.
 */
package io.tessera.fe.report;
