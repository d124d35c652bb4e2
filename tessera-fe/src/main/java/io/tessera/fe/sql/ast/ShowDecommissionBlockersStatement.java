package io.tessera.fe.sql.ast;

import java.util.OptionalLong;

/**
 * {@code SHOW DECOMMISSION BLOCKERS [FOR <job id>]}: every replica of a running decommission job
 * that is not moving, with why; one job's only with FOR.
 *
 * @param jobId the job, or empty for every running job
 */
public record ShowDecommissionBlockersStatement(OptionalLong jobId) implements Statement {
}
