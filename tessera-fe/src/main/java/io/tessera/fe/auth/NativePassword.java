package io.tessera.fe.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The {@code mysql_native_password} scheme. The server stores SHA1(SHA1(password)) (the
 * "double SHA-1", what {@code PASSWORD()} shows after its {@code *}); the client answers a
 * 20-byte seed with SHA1(password) XOR SHA1(seed + SHA1(SHA1(password))), which the server
 * can check without knowing the password. An empty password is answered with no bytes.
 *
 * <p>Stateless; safe from any thread.
 */
public final class NativePassword {
    /** Length of a SHA-1 digest and of a non-empty answer. */
    public static final int HASH_BYTES = 20;

    private NativePassword() {
    }

    /** SHA1(SHA1(password)); empty for the empty password, which has no hash. */
    public static byte[] doubleSha1(String password) {
        Objects.requireNonNull(password, "password is null");
        if (password.isEmpty()) {
            return new byte[0];
        }
        return sha1(sha1(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a client sends for {@code password} and {@code seed}; empty for the empty password. */
    public static byte[] scramble(String password, byte[] seed) {
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(seed, "seed is null");
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1(stage1);
        return xor(stage1, sha1(seed, stage2));
    }

    /**
     * Whether {@code response} proves knowledge of the password whose double SHA-1 is
     * {@code storedDoubleSha1} (empty: no password, so only an empty response matches).
     */
    public static boolean verify(byte[] storedDoubleSha1, byte[] seed, byte[] response) {
        Objects.requireNonNull(storedDoubleSha1, "storedDoubleSha1 is null");
        Objects.requireNonNull(seed, "seed is null");
        Objects.requireNonNull(response, "response is null");
        if (storedDoubleSha1.length == 0) {
            return response.length == 0;
        }
        if (storedDoubleSha1.length != HASH_BYTES || response.length != HASH_BYTES) {
            return false;
        }
        byte[] candidateStage1 = xor(response, sha1(seed, storedDoubleSha1));
        return MessageDigest.isEqual(sha1(candidateStage1), storedDoubleSha1);
    }

    /**
     * The double SHA-1 a {@code PASSWORD()} text stands for: {@code *} and 40 hex digits, as
     * {@code IDENTIFIED BY PASSWORD '*6BB4...'} gives it; empty text is the empty password.
     *
     * @throws IllegalArgumentException with MySQL's text when the text is no such hash
     */
    public static byte[] parseHash(String text) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        if (text.length() != 2 * HASH_BYTES + 1 || text.charAt(0) != '*') {
            throw new IllegalArgumentException("Password hash should be a 41-digit hexadecimal number");
        }
        byte[] hash = new byte[HASH_BYTES];
        for (int i = 0; i < HASH_BYTES; i++) {
            int high = Character.digit(text.charAt(1 + 2 * i), 16);
            int low = Character.digit(text.charAt(2 + 2 * i), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("Password hash should be a 41-digit hexadecimal number");
            }
            hash[i] = (byte) (high << 4 | low);
        }
        return hash;
    }

    private static byte[] xor(byte[] left, byte[] right) {
        byte[] result = new byte[left.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) (left[i] ^ right[i]);
        }
        return result;
    }

    private static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }
}
