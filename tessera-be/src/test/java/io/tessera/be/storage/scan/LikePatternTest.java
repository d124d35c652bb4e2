package io.tessera.be.storage.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIKE patterns over UTF-8: % and _ (one character, not one byte), escapes, anchoring. */
class LikePatternTest {
    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' is {2}")
    @CsvSource(delimiter = '|', value = {
        "abc|abc|true",
        "abc|abcd|false",
        "abc|ab|false",
        "a%|abc|true",
        "a%|a|true",
        "a%|ba|false",
        "%c|abc|true",
        "%c|abcd|false",
        "%b%|abc|true",
        "%b%|ac|false",
        "%|''|true",
        "''|''|true",
        "''|a|false",
        "_|a|true",
        "_|ä|true",
        "_|☃|true",
        "_|ab|false",
        "a_c|abc|true",
        "a_c|aäc|true",
        "a_c|ac|false",
        "%a%b%c%|xxaxxbxxcxx|true",
        "%a%b%c%|xxcxxbxxaxx|false",
        "a%b%b|abbb|true",
        "a%b_|abxbx|true",
        "a%b_|ab|false",
        "a%b_|abx|true",
        "%ab_|aab☃|true",
        "50\\%|50%|true",
        "50\\%|500|false",
        "a\\_b|a_b|true",
        "a\\_b|axb|false",
        "ABC|abc|false",
        "%ünï%|ünïcødé|true"})
    void matches(String pattern, String text, boolean expected) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(LikePattern.compile(pattern).matches(bytes, 0, bytes.length)).isEqualTo(expected);
    }
}
