package io.tessera.fe.heartbeat;

import io.tessera.proto.heartbeat.HeartbeatResponse;
import java.util.Objects;

/**
 * The outcome of one heartbeat exchange with a backend (a round's call with its quick retry, or
 * a probe), as the liveness transition function consumes it. Values only; thread-safe.
 */
public sealed interface HeartbeatEvent {

    /** FE wall time (ms) when the outcome was known. */
    long atMs();

    /**
     * Classifies a backend's answer: an empty {@code error_message} is a success, anything else
     * (another cluster's BE, a bad token) is a failure carrying the BE's text.
     */
    static HeartbeatEvent answered(HeartbeatResponse response, long atMs) {
        if (response.getErrorMessage().isEmpty()) {
            return new Success(response, atMs);
        }
        return new Failure(response.getErrorMessage(), atMs);
    }

    /** The backend accepted the heartbeat and reported its state. */
    record Success(HeartbeatResponse response, long atMs) implements HeartbeatEvent {
        public Success {
            Objects.requireNonNull(response, "response is null");
            if (!response.getErrorMessage().isEmpty()) {
                throw new IllegalArgumentException("a refusal is a failure: " + response.getErrorMessage());
            }
        }
    }

    /**
     * The backend refused the heartbeat or could not be reached.
     *
     * @param errorMessage what SHOW BACKENDS shows as ErrMsg; empty becomes {@code Unknown error}
     * @param failedRounds how many heartbeat rounds this outcome answers (at least 1): an exchange
     *                     that stayed unanswered while later rounds joined it failed each of them,
     *                     so a call deadline longer than the interval cannot stretch detection
     */
    record Failure(String errorMessage, long atMs, int failedRounds) implements HeartbeatEvent {
        public Failure {
            Objects.requireNonNull(errorMessage, "errorMessage is null");
            if (failedRounds < 1) {
                throw new IllegalArgumentException("a failure fails at least one round: " + failedRounds);
            }
        }

        /** A failure of one round (or of a probe). */
        public Failure(String errorMessage, long atMs) {
            this(errorMessage, atMs, 1);
        }
    }
}
