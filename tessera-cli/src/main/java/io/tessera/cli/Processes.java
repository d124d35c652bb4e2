package io.tessera.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping processes: SIGTERM, then SIGKILL after a grace period. Stateless. */
public final class Processes {
    private Processes() {
    }

    /** Stops the process; returns true if it had to be killed. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception timeoutOrInterrupt) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL", e);
            }
            return true;
        }
    }

    /** kill -9. */
    public static void kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL", e);
        }
    }
}
