package io.tessera.testkit;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets one command line resize or replay every fuzz property without editing code: the system
 * property {@value #TRIES} replaces each property's {@code tries} (the short run's counts are written
 * on the properties, sized for {@code bin/tessera test}), and {@value #SEED} fixes the random seed
 * that jqwik reports for a failure, so {@code bin/tessera fuzz --seed S} replays it. Fuzz classes add
 * it with {@code @AddLifecycleHook(FuzzSettings.class)}; docs/fuzzing.md tells how to run them.
 *
 * <p>Threading: stateless; jqwik calls it on the thread that runs the property.
 */
public final class FuzzSettings implements AroundPropertyHook {
    public static final String TRIES = "tessera.fuzz.tries";
    public static final String SEED = "tessera.fuzz.seed";

    /** Added on a class, it must reach the class's properties (jqwik's default stops at the class). */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES, "").strip();
        if (!tries.isEmpty()) {
            context.attributes().setTries(Integer.parseInt(tries));
        }
        String seed = System.getProperty(SEED, "").strip();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}
