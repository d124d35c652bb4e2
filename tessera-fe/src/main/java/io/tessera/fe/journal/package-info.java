/**
 * The Ratis implementation of the metadata journal: {@code RatisJournal} (a single-peer Raft group on
 * {@code edit_log_port}), {@code JournalStateMachine} (applies each committed batch through the replay
 * dispatcher) and metadata snapshots (store, writer, codec, policy). Imports only {@code meta}; knows
 * no record kind's meaning and no state class. Only {@code server} and {@code config} import it.
 */
package io.tessera.fe.journal;
