package io.tessera.it;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house (docs/architecture.md), checked on the compiled main code of every
 * module: no package cycles, FE package edges only as the allow-list below says, no static mutable
 * state, time and randomness only from their providers, and gRPC client stubs in the FE only in
 * the package that owns FE→BE calls. When a rule blocks a change, fix the design, not this test;
 * a deliberate change of the house changes the allow-list here and docs/architecture.md together.
 *
 * <p>Each rule is a function of the imported classes ({@link #violations} helpers return the
 * offending edges or members as text), so {@code ArchitectureRulesSelfTest} can show every rule
 * failing on a forbidden example.
 */
class ArchitectureTest {
    /** Generated code (protobuf, gRPC, ANTLR): not ours to police. */
    static final Pattern GENERATED = Pattern.compile("io\\.tessera\\.proto\\..*|io\\.tessera\\.fe\\.sql\\.parser\\..*");

    /**
     * Which FE package may use which, top-down: protocols, session, statements, executors, then
     * state and services, the one door to the backends, the metadata writer, the journal. A package
     * not listed here has no allowed edge; sub-packages count as their top package.
     */
    static final Map<String, Set<String>> FE_ALLOWED = Map.ofEntries(
            Map.entry("server", Set.of("*")),
            Map.entry("config", Set.of("audit", "ddl", "heartbeat", "journal", "meta")),
            Map.entry("audit", Set.of("auth", "result", "sql")),
            Map.entry("mysql", Set.of("auth", "result")),
            Map.entry("http", Set.of("auth", "catalog", "cluster")),
            Map.entry("session", Set.of("auth", "meta")),
            Map.entry("sql", Set.of()),
            Map.entry("exec", Set.of("auth", "catalog", "cluster", "config", "ddl", "decommission", "expr", "meta", "placement",
                    "query", "replication", "report", "result", "schema", "scheduler", "sql", "session", "txn")),
            Map.entry("query", Set.of("catalog", "cluster", "expr", "result", "rpc", "sql")),
            Map.entry("expr", Set.of("auth", "result", "session", "sql")),
            Map.entry("schema", Set.of("catalog", "result", "session")),
            Map.entry("ddl", Set.of("catalog", "cluster", "meta", "rpc", "sql")),
            Map.entry("txn", Set.of("auth", "catalog", "cluster", "ddl", "meta", "rpc")),
            Map.entry("report", Set.of("catalog", "cluster", "rpc")),
            Map.entry("replication", Set.of("catalog", "cluster", "config", "ddl", "decommission", "meta", "report",
                    "rpc", "scheduler")),
            Map.entry("decommission", Set.of("catalog", "cluster", "meta")),
            Map.entry("scheduler", Set.of("catalog", "cluster", "config")),
            Map.entry("heartbeat", Set.of("cluster", "rpc")),
            Map.entry("placement", Set.of()),
            Map.entry("catalog", Set.of("cluster", "meta")),
            Map.entry("cluster", Set.of("meta")),
            Map.entry("auth", Set.of("meta")),
            Map.entry("result", Set.of()),
            Map.entry("rpc", Set.of("cluster")),
            Map.entry("meta", Set.of()),
            Map.entry("journal", Set.of("meta")));

    /** Where the real clock, the system time zone and new random generators may be touched. */
    static final Set<String> TIME_AND_RANDOM_PROVIDERS = Set.of(
            "io.tessera.common.SystemClock", "io.tessera.common.Randomness");

    /** Calls that read the real clock or time zone, sleep, or make randomness, as owner#name. */
    static final Set<String> FORBIDDEN_CALLS = Set.of(
            "java.lang.System#currentTimeMillis", "java.lang.System#nanoTime", "java.time.Instant#now",
            "java.time.LocalDateTime#now", "java.time.LocalDate#now", "java.time.ZonedDateTime#now",
            "java.time.ZoneId#systemDefault", "java.util.TimeZone#getDefault", "java.time.Clock#systemUTC",
            "java.time.Clock#systemDefaultZone", "java.lang.Thread#sleep", "java.util.Random#<init>",
            "java.security.SecureRandom#<init>", "java.util.concurrent.ThreadLocalRandom#current",
            "java.util.concurrent.TimeUnit#sleep",
            "java.lang.Math#random");

    /**
     * Benchmarks are exempt from the time rule: measuring the real clock is their job, and they
     * are never part of a running node. So is the testkit, which only tests use (its certificates
     * are valid from the real now).
     */
    static final Pattern TIME_RULE_EXEMPT = Pattern.compile("io\\.tessera\\.(bench|testkit)\\..*");

    /** Field types whose instances can change, for the static-state rule. */
    static final Set<String> MUTABLE_TYPES = Set.of(
            "java.util.HashMap", "java.util.ArrayList", "java.util.LinkedList", "java.util.HashSet",
            "java.util.TreeMap", "java.util.TreeSet", "java.util.LinkedHashMap", "java.util.LinkedHashSet",
            "java.util.ArrayDeque", "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.atomic.AtomicLong",
            "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicBoolean",
            "java.util.concurrent.atomic.AtomicReference", "java.util.Random", "java.security.SecureRandom",
            "java.lang.StringBuilder");

    /** The FE package that owns every FE→BE call, the only one that may hold gRPC client stubs. */
    static final String FE_DOOR = "io.tessera.fe.rpc";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainCode() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::isTesseraMainCode)
                .importPackages("io.tessera");
        assertThat(classes.stream().map(JavaClass::getPackageName).anyMatch(p -> p.startsWith("io.tessera.be")))
                .as("the BE's classes are on the classpath").isTrue();
        assertThat(classes.stream().map(JavaClass::getPackageName).anyMatch(p -> p.startsWith("io.tessera.bench")))
                .as("the benchmarks' classes are on the classpath").isTrue();
    }

    /** Main classes of our modules: in a module's target/classes or its packaged jar, never test code. */
    private static boolean isTesseraMainCode(Location location) {
        String uri = location.toString();
        return !uri.contains("/test-classes/") && (uri.contains("/target/classes/") || uri.contains("/tessera-"));
    }

    @Test
    void noModuleHasAPackageCycle() {
        packageCycleRule().check(classes);
    }

    @Test
    void frontendPackagesDependOnlyAlongTheAllowedEdges() {
        assertThat(forbiddenFrontendEdges(classes)).isEmpty();
    }

    @Test
    void mainCodeHasNoStaticMutableState() {
        assertThat(staticMutableFields(classes)).isEmpty();
    }

    @Test
    void timeAndRandomnessComeOnlyFromTheirProviders() {
        assertThat(forbiddenTimeAndRandomCalls(classes)).isEmpty();
    }

    
    @Test
    void onlyTheDoorPackageUsesGrpcClientStubsInTheFrontend() {
        assertThat(stubUsesOutsideTheDoor(classes)).isEmpty();
    }

    /** Every package of ours is a slice; generated code's own edges are ignored. */
    static ArchRule packageCycleRule() {
        return slices().matching("io.tessera.(**)")
                .should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.describe("generated code", ArchitectureTest::generated),
                        DescribedPredicate.alwaysTrue());
    }

    static boolean generated(JavaClass javaClass) {
        return GENERATED.matcher(javaClass.getName()).matches();
    }

    /** The FE package of a class ({@code exec} for io.tessera.fe.exec.X), or null outside the FE. */
    static String frontendPackage(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith("io.tessera.fe.")) {
            return null;
        }
        String rest = name.substring("io.tessera.fe.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static Set<String> forbiddenFrontendEdges(JavaClasses imported) {
        Set<String> forbidden = new TreeSet<>();
        for (JavaClass origin : imported) {
            String from = frontendPackage(origin);
            if (from == null || generated(origin)) {
                continue;
            }
            Set<String> allowed = FE_ALLOWED.getOrDefault(from, Set.of());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = frontendPackage(dependency.getTargetClass());
                if (to == null || to.equals(from) || allowed.contains("*") || allowed.contains(to)
                        || generated(dependency.getTargetClass())) {
                    continue;
                }
                forbidden.add(from + " -> " + to + " (" + origin.getSimpleName() + " uses "
                        + dependency.getTargetClass().getSimpleName() + ")");
            }
        }
        return forbidden;
    }

    static List<String> staticMutableFields(JavaClasses imported) {
        List<String> found = new ArrayList<>();
        for (JavaClass javaClass : imported) {
            if (generated(javaClass)) {
                continue;
            }
            for (JavaField field : javaClass.getFields()) {
                Set<JavaModifier> modifiers = field.getModifiers();
                if (!modifiers.contains(JavaModifier.STATIC) || modifiers.contains(JavaModifier.SYNTHETIC)) {
                    continue;
                }
                boolean mutable = !modifiers.contains(JavaModifier.FINAL)
                        || MUTABLE_TYPES.contains(field.getRawType().getName());
                if (mutable) {
                    found.add(field.getFullName() + " : " + field.getRawType().getName());
                }
            }
        }
        return found;
    }

    static List<String> forbiddenTimeAndRandomCalls(JavaClasses imported) {
        List<String> found = new ArrayList<>();
        for (JavaClass javaClass : imported) {
            if (generated(javaClass) || TIME_RULE_EXEMPT.matcher(javaClass.getName()).matches()
                    || TIME_AND_RANDOM_PROVIDERS.contains(javaClass.getName())) {
                continue;
            }
            for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
                String target = access.getTargetOwner().getName() + "#" + access.getName();
                if (FORBIDDEN_CALLS.contains(target)) {
                    found.add(access.getOrigin().getFullName() + " calls " + target + " (line "
                            + access.getLineNumber() + ")");
                }
            }
        }
        return found;
    }

    static List<String> stubUsesOutsideTheDoor(JavaClasses imported) {
        List<String> found = new ArrayList<>();
        for (JavaClass javaClass : imported) {
            if (frontendPackage(javaClass) == null || javaClass.getPackageName().startsWith(FE_DOOR)) {
                continue;
            }
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (isGrpcClientPart(target)) {
                    found.add(javaClass.getName() + " uses " + target.getName());
                }
            }
        }
        return found.stream().distinct().toList();
    }

    /**
     * A generated client stub or the generated service class that makes them ({@code XxxGrpc},
     * {@code newStub}), a channel, or a channel builder: what only the door may touch. Extending a
     * generated {@code ImplBase} to serve calls is not a client part.
     */
    static boolean isGrpcClientPart(JavaClass target) {
        return target.getName().matches("io\\.tessera\\.proto\\..*Grpc")
                || target.isAssignableTo("io.grpc.stub.AbstractStub")
                || target.isAssignableTo("io.grpc.Channel")
                || target.isAssignableTo("io.grpc.ManagedChannelBuilder");
    }
}
