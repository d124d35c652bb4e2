package io.tessera.be.storage.tablet;

import com.google.protobuf.ByteString;

/** Counting characters in UTF-8 bytes without decoding them. Stateless. */
public final class Utf8 {
    private Utf8() {
    }

    /** Characters (code points) in well-formed UTF-8: every byte that is not a continuation byte. */
    public static int characterCount(ByteString bytes) {
        int count = 0;
        for (int i = 0; i < bytes.size(); i++) {
            if ((bytes.byteAt(i) & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    /** How many bytes the character starting with {@code leadByte} takes (1 for a stray byte). */
    public static int characterLength(byte leadByte) {
        int lead = leadByte & 0xFF;
        if (lead < 0xC0) {
            return 1;
        }
        if (lead < 0xE0) {
            return 2;
        }
        if (lead < 0xF0) {
            return 3;
        }
        return 4;
    }
}
