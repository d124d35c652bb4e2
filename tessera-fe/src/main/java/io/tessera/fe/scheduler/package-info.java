/**
 * The tablet scheduler's decision core (issue 11 item 2): which replicas to clone, where from and
 * where to, and which to drop, as pure functions of a catalog snapshot, a cluster view, the report
 * soft state, the runtime config, the time and a seeded {@code Random}. Nothing here runs a
 * thread, calls a backend or writes a journal record; {@code replication.ReplicationLoop} runs
 * these decisions: it sends the clone and drop tasks and journals their outcome. {@code DecommissionAdmission}, the check
 * whether DECOMMISSION may mark its backends, is a pure function too; the DECOMMISSION write calls it.
 */
package io.tessera.fe.scheduler;
