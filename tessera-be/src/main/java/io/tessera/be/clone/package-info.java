/**
 * Clone: pull a replica from a peer, verify, install atomically. The destination backend
 * ({@code CloneWorkers}, {@code TabletCloner}) pulls a source replica's published rowset files
 * over {@code BackendService.FetchRowsets} ({@code RowsetFetcher}, {@code StagedFile}) into
 * {@code <root>/clone_staging/<tablet>_<replica>/} ({@code CloneStaging}), verifying every file's
 * size and CRC-32C, catches up on versions the source published meanwhile, and installs the folder
 * under its own replica id through {@code storage.tablet.TabletStore.installClone} with one
 * rename. The source backend ({@code RowsetSource}) streams a consistent snapshot of a replica's
 * published rowsets, never pending ones. The FE never relays data. Called from {@code service}.
 */
package io.tessera.be.clone;
