package io.tessera.bench.hostile;

import java.util.regex.Pattern;

/** Whether an error message shows a client what only a developer should see. */
final class Internals {
    private static final Pattern LEAK = Pattern.compile(
            "java\\.|javax\\.|io\\.tessera|io\\.grpc|io\\.netty|Exception|\\tat |NullPointer|StackOverflow");

    private Internals() {
    }

    static boolean leaks(String message) {
        return message != null && LEAK.matcher(message).find();
    }
}
