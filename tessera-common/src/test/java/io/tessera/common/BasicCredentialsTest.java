package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** HTTP Basic auth as {@code curl -u} sends it. */
class BasicCredentialsTest {
    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtTheFirstColon() {
        assertThat(BasicCredentials.parse(basic("root:"))).contains(new BasicCredentials("root", ""));
        assertThat(BasicCredentials.parse(basic("op:pa:ss"))).contains(new BasicCredentials("op", "pa:ss"));
        assertThat(BasicCredentials.parse("basic  " + Base64.getEncoder().encodeToString("u".getBytes(
                StandardCharsets.UTF_8)))).contains(new BasicCredentials("u", ""));
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic %%%")).isEmpty();
    }
}
