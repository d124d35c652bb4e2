package io.tessera.fe.decommission;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.decommission.JobState.Event;
import org.junit.jupiter.api.Test;

/** The job's one transition function, every state against every event. */
class JobStateTest {
    @Test
    void aDrainingJobDrainsIsCancelledOrRemoved() {
        assertThat(JobState.DRAINING.next(Event.DRAINED)).isEqualTo(JobState.DRAINED);
        assertThat(JobState.DRAINING.next(Event.REFILLED)).isEqualTo(JobState.DRAINING);
        assertThat(JobState.DRAINING.next(Event.CANCEL)).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.DRAINING.next(Event.REMOVED)).isEqualTo(JobState.REMOVED);
    }

    @Test
    void aDrainedJobDrainsAgainWhenRefilledAndCanStillBeCancelled() {
        assertThat(JobState.DRAINED.next(Event.REFILLED)).isEqualTo(JobState.DRAINING);
        assertThat(JobState.DRAINED.next(Event.DRAINED)).isEqualTo(JobState.DRAINED);
        assertThat(JobState.DRAINED.next(Event.CANCEL)).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.DRAINED.next(Event.REMOVED)).isEqualTo(JobState.REMOVED);
    }

    @Test
    void endedJobsNeverChange() {
        for (JobState ended : new JobState[] {JobState.REMOVED, JobState.CANCELLED}) {
            assertThat(ended.active()).isFalse();
            for (Event event : Event.values()) {
                assertThat(ended.next(event)).isEqualTo(ended);
            }
        }
    }

    @Test
    void aDrainingOrDrainedJobPausesAndOnlyAPausedOneResumes() {
        assertThat(JobState.DRAINING.next(Event.PAUSE)).isEqualTo(JobState.PAUSED);
        assertThat(JobState.DRAINED.next(Event.PAUSE)).isEqualTo(JobState.PAUSED);
        assertThat(JobState.DRAINING.next(Event.RESUME)).as("not paused: no change").isEqualTo(JobState.DRAINING);
        assertThat(JobState.DRAINED.next(Event.RESUME)).as("not paused: no change").isEqualTo(JobState.DRAINED);
    }

    @Test
    void aPausedJobIgnoresDrainingEventsResumesDrainingAndCanStillEnd() {
        assertThat(JobState.PAUSED.active()).isTrue();
        assertThat(JobState.PAUSED.next(Event.DRAINED)).isEqualTo(JobState.PAUSED);
        assertThat(JobState.PAUSED.next(Event.REFILLED)).isEqualTo(JobState.PAUSED);
        assertThat(JobState.PAUSED.next(Event.PAUSE)).isEqualTo(JobState.PAUSED);
        assertThat(JobState.PAUSED.next(Event.RESUME)).as("the completion check then finds it drained if empty")
                .isEqualTo(JobState.DRAINING);
        assertThat(JobState.PAUSED.next(Event.CANCEL)).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.PAUSED.next(Event.REMOVED)).isEqualTo(JobState.REMOVED);
    }
}
