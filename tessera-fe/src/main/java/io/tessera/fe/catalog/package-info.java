/**
 * Hard state about data: databases, tables, partitions, tablets, replicas and load transactions
 * between commit and finish ({@code Catalog}, read through immutable {@code CatalogSnapshot}s), and
 * the pure tablet health classification ({@code TabletHealth}) with the DROPP dry run built on it
 * ({@code DroppPrediction}). Only {@code replay} methods change
 * the catalog, on the journal's apply thread. Nothing here generates records, calls a backend or
 * knows SQL; soft state such as tablet reports comes in through interfaces
 * ({@code UnreadableReplicas}), never by import.
 */
package io.tessera.fe.catalog;
