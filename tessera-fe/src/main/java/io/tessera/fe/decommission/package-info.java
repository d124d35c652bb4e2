/**
 * Decommission jobs: hard state ({@link io.tessera.fe.decommission.DecommissionJobs}) that keeps,
 * for every DECOMMISSION, what the backend registry forgets once the backend is removed, its state
 * ({@link io.tessera.fe.decommission.JobState}) and how it ended; and the generate half of every
 * change ({@link io.tessera.fe.decommission.DecommissionJobControl}). The registry's decommissioned
 * flag stays what placement and the scheduler read; a job's state moves with it, and a paused job
 * ({@link io.tessera.fe.decommission.DecommissionJobs.Jobs#pausedBackendIds}) tells the scheduler
 * to move nothing new off its backend and the completion check to keep it. SHOW
 * DECOMMISSION's rows are a pure function of a job and what is known now
 * ({@link io.tessera.fe.decommission.DecommissionProgress}, {@link io.tessera.fe.decommission.BackendBytes}).
 */
package io.tessera.fe.decommission;
