package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NativePasswordTest {
    private static final byte[] SEED = seed();

    private static byte[] seed() {
        byte[] seed = new byte[20];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i + 1);
        }
        return seed;
    }

    @Test
    void doubleSha1MatchesMysqlPasswordFunction() {
        // SELECT PASSWORD('secret') in MySQL 5.7 gives *14E65567ABDB5135D0CFD9A70B3032C179A49EE7.
        assertThat(HexFormat.of().withUpperCase().formatHex(NativePassword.doubleSha1("secret")))
                .isEqualTo("14E65567ABDB5135D0CFD9A70B3032C179A49EE7");
        assertThat(NativePassword.doubleSha1("")).isEmpty();
    }

    @Test
    void scrambleMatchesReferenceValue() {
        assertThat(HexFormat.of().formatHex(NativePassword.scramble("secret", SEED)))
                .isEqualTo("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
        assertThat(NativePassword.scramble("", SEED)).isEmpty();
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        byte[] stored = NativePassword.doubleSha1("secret");
        assertThat(NativePassword.verify(stored, SEED, NativePassword.scramble("secret", SEED))).isTrue();
        assertThat(NativePassword.verify(stored, SEED, NativePassword.scramble("Secret", SEED))).isFalse();
        assertThat(NativePassword.verify(stored, SEED, new byte[0])).isFalse();
        assertThat(NativePassword.verify(stored, SEED, new byte[5])).isFalse();
        byte[] otherSeed = SEED.clone();
        otherSeed[0] = 99;
        assertThat(NativePassword.verify(stored, otherSeed, NativePassword.scramble("secret", SEED))).isFalse();
    }

    @Test
    void emptyPasswordAcceptsOnlyEmptyResponse() {
        byte[] stored = NativePassword.doubleSha1("");
        assertThat(NativePassword.verify(stored, SEED, new byte[0])).isTrue();
        assertThat(NativePassword.verify(stored, SEED, NativePassword.scramble("x", SEED))).isFalse();
    }
}
