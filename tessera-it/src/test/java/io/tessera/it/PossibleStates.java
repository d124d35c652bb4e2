package io.tessera.it;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a client may conclude about a server's state from the outcomes it saw, when some outcomes
 * are unknown (the connection broke before the answer): for each entity, the set of states it can
 * be in. An acknowledged statement must have applied (states where it could not apply are ruled
 * out), a rejected one applied nowhere, an unknown one applied wholly or not at all. A chaos test
 * checks at the end that each entity's observed state is one of its possible states.
 *
 * <p>Threading: used by one thread (the test's client).
 *
 * @param <S> an immutable value with equals, the state of one entity
 */
final class PossibleStates<S> {
    enum Outcome { ACKNOWLEDGED, REJECTED, UNKNOWN }

    /** One statement on an entity, as the client logged it. */
    record Step(String sql, Outcome outcome, String detail) {
    }

    private final Map<String, Set<S>> states = new TreeMap<>();
    private final Map<String, List<Step>> history = new TreeMap<>();
    private final List<String> contradictions = new ArrayList<>();

    void declare(String entity, S initial) {
        states.put(entity, new LinkedHashSet<>(List.of(initial)));
        history.put(entity, new ArrayList<>());
    }

    /**
     * Records a statement on {@code entity}.
     *
     * @param transition the statement's effect on a state, empty where the server must refuse it
     */
    void record(String entity, String sql, Function<S, Optional<S>> transition, Outcome outcome, String detail) {
        Set<S> before = states.get(entity);
        Set<S> after = new LinkedHashSet<>();
        if (outcome != Outcome.ACKNOWLEDGED) {
            after.addAll(before);
        }
        if (outcome != Outcome.REJECTED) {
            before.forEach(state -> transition.apply(state).ifPresent(after::add));
        }
        history.get(entity).add(new Step(sql, outcome, detail));
        if (after.isEmpty()) {
            contradictions.add(entity + ": '" + sql + "' was acknowledged although no possible state allows it "
                    + "(an earlier acknowledged change was lost?): " + history.get(entity));
            after.addAll(before);
        }
        states.put(entity, after);
    }

    Set<String> entities() {
        return states.keySet();
    }

    Set<S> possible(String entity) {
        return states.get(entity);
    }

    List<Step> history(String entity) {
        return history.get(entity);
    }

    /** Acknowledged statements that no possible state allowed: evidence of a lost acknowledgement. */
    List<String> contradictions() {
        return contradictions;
    }

    /**
     * Why {@code observed} is not a possible state of the entity as seen through {@code view} (what
     * the server shows of a state), or empty when it is one.
     */
    <V> Optional<String> mismatch(String entity, V observed, Function<S, V> view) {
        Set<V> expected = new LinkedHashSet<>();
        states.get(entity).forEach(state -> expected.add(view.apply(state)));
        if (expected.contains(observed)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(entity + " is " + observed + ", expected one of " + expected
                + "; its statements:");
        history.get(entity).forEach(step -> text.append("\n    ").append(step.outcome()).append(": ")
                .append(step.sql()).append(step.detail().isEmpty() ? "" : " -> " + step.detail()));
        return Optional.of(text.toString());
    }
}
