package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadEncodingTest {
    /** Written in place or through getBytes, a string's bytes are those of String.getBytes, malformed text included. */
    @Test
    void lengthEncodedStringsAreTheStringsUtf8WithItsLength() {
        String[] texts = {"", "127.0.0.1", "12.34 %", "é", "日本", "x\uD83D\uDE00y", "\uD800", "a\uD800é", "\uDC00z",
                "x".repeat(300), "é".repeat(40_000)};
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(12)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
            }
            check(new String(chars));
        }
        for (String text : texts) {
            check(text);
        }
    }

    private static void check(String text) {
        ByteBuf actual = Unpooled.buffer();
        ByteBuf expected = Unpooled.buffer();
        PayloadEncoding.writeLenencString(actual, text);
        PayloadEncoding.writeLenencBytes(expected, text.getBytes(StandardCharsets.UTF_8));
        assertThat(ByteBufUtil.getBytes(actual)).as("%s", text).isEqualTo(ByteBufUtil.getBytes(expected));
    }
}
