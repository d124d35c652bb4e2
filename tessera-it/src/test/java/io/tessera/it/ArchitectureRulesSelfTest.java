package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.tessera.fe.cluster.archfixture.ReachesIntoTheCatalog;
import io.tessera.fe.cluster.archfixture.UsesOnlyAllowedPackages;
import io.tessera.fe.exec.archfixture.CallsABackendDirectly;
import io.tessera.fe.exec.archfixture.KeepsStaticState;
import io.tessera.fe.exec.archfixture.ReadsTheMachine;
import io.tessera.it.archfixture.a.First;
import io.tessera.it.archfixture.b.Second;
import org.junit.jupiter.api.Test;

/**
 * Shows that every rule of {@link ArchitectureTest} can fail: each runs on small fixture classes
 * (test code, so the real check never sees them) that break it, and on one that keeps it.
 */
class ArchitectureRulesSelfTest {
    private static JavaClasses of(Class<?>... fixtures) {
        return new ClassFileImporter().importClasses(fixtures);
    }

    @Test
    void aPackageCycleFails() {
        assertThatThrownBy(() -> ArchitectureTest.packageCycleRule().check(of(First.class, Second.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
        ArchitectureTest.packageCycleRule().allowEmptyShould(true).check(of(UsesOnlyAllowedPackages.class));
    }

    @Test
    void aFrontendEdgeOutsideTheAllowListFails() {
        assertThat(ArchitectureTest.forbiddenFrontendEdges(of(ReachesIntoTheCatalog.class)))
                .contains("cluster -> catalog (ReachesIntoTheCatalog uses Catalog)");
        assertThat(ArchitectureTest.forbiddenFrontendEdges(of(UsesOnlyAllowedPackages.class))).isEmpty();
    }

    @Test
    void staticMutableFieldsFail() {
        assertThat(ArchitectureTest.staticMutableFields(of(KeepsStaticState.class)))
                .anyMatch(field -> field.contains("KeepsStaticState.calls"))
                .anyMatch(field -> field.contains("KeepsStaticState.CACHE"));
        assertThat(ArchitectureTest.staticMutableFields(of(UsesOnlyAllowedPackages.class))).isEmpty();
    }

    @Test
    void theMachinesClockZoneSleepAndRandomnessFail() {
        assertThat(ArchitectureTest.forbiddenTimeAndRandomCalls(of(ReadsTheMachine.class)))
                .anyMatch(call -> call.contains("java.lang.System#currentTimeMillis"))
                .anyMatch(call -> call.contains("java.lang.Thread#sleep"))
                .anyMatch(call -> call.contains("java.util.Random#<init>"))
                .anyMatch(call -> call.contains("java.time.ZoneId#systemDefault"));
        assertThat(ArchitectureTest.forbiddenTimeAndRandomCalls(of(UsesOnlyAllowedPackages.class))).isEmpty();
    }

    @Test
    void aGrpcStubOutsideTheDoorFails() {
        assertThat(ArchitectureTest.stubUsesOutsideTheDoor(of(CallsABackendDirectly.class)))
                .anyMatch(use -> use.endsWith("uses io.tessera.proto.backend.BackendServiceGrpc"));
        assertThat(ArchitectureTest.stubUsesOutsideTheDoor(of(UsesOnlyAllowedPackages.class))).isEmpty();
    }
}
