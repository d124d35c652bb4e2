package io.tessera.fe.exec.archfixture;

import java.time.ZoneId;
import java.util.Random;

/** Fixture for ArchitectureRulesSelfTest: time, zone, sleep and randomness not from their providers. */
public final class ReadsTheMachine {
    public long now() throws InterruptedException {
        Thread.sleep(1);
        return System.currentTimeMillis() + new Random().nextInt() + ZoneId.systemDefault().hashCode();
    }
}
