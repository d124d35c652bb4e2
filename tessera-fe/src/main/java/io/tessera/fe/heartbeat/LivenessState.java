package io.tessera.fe.heartbeat;

import io.tessera.fe.cluster.BackendRuntime;
import java.util.Objects;

/**
 * Everything the FE has learned about one backend from heartbeats: its liveness and the fields
 * SHOW BACKENDS shows. An immutable value; {@link LivenessTransitions#next} makes the next one.
 *
 * @param liveness where the backend stands; agrees with {@code runtime.alive()}
 * @param runtime  ports, times, error text, failure counter and capacities
 */
public record LivenessState(BackendLiveness liveness, BackendRuntime runtime) {
    /** A backend this FE has not heard from yet. */
    public static final LivenessState INITIAL = new LivenessState(BackendLiveness.UNKNOWN,
            BackendRuntime.NEVER_CONTACTED);

    public LivenessState {
        Objects.requireNonNull(liveness, "liveness is null");
        Objects.requireNonNull(runtime, "runtime is null");
        if (liveness.alive() != runtime.alive()) {
            throw new IllegalArgumentException(liveness + " disagrees with alive=" + runtime.alive());
        }
    }
}
