/**
 * The metadata write path: {@code MetadataWriter} (the one writer thread: generate, append, wait for
 * apply), ids ({@code IdGenerator}, {@code IdAllocator}), the {@code Journal} interface with the
 * in-memory {@code LocalJournal}, and {@code ReplayDispatcher}, which routes each journal record to the
 * one {@code JournaledState} that owns its kind. Imports no other FE package: no state type, no Ratis,
 * no SQL. Adding a kind of hard state needs no change here.
 */
package io.tessera.fe.meta;
