package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchedStateTest {
    private final BatchedState<String> state = new BatchedState<>("a");

    @Test
    void outsideABatchAChangeIsSeenAtOnce() {
        state.set("b");
        assertThat(state.published()).isEqualTo("b");
        assertThat(state.current()).isEqualTo("b");
    }

    @Test
    void aBatchIsSeenWholeWhenPublishedAndNotAtAllWhenDiscarded() {
        state.begin();
        state.set("b");
        state.set(state.current() + "c");
        assertThat(state.published()).isEqualTo("a");
        assertThat(state.current()).isEqualTo("bc");
        state.publish();
        assertThat(state.published()).isEqualTo("bc");

        state.begin();
        state.set("d");
        state.discard();
        assertThat(state.published()).isEqualTo("bc");
        assertThat(state.current()).isEqualTo("bc");
    }
}
