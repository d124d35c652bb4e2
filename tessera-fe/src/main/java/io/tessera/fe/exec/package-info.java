/**
 * One executor per statement family and the {@code StatementDispatcher} that routes each parsed
 * statement to one, running blocking ones on the bounded statement pool. Executors check, read
 * snapshots and submit writes to the metadata writer; they never change hard state themselves, never
 * parse SQL text and never write protocol bytes. The per-statement privilege check belongs in the
 * dispatcher, before any executor runs.
 */
package io.tessera.fe.exec;
