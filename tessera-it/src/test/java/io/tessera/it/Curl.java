package io.tessera.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code curl} command line, as operators run Stream Load:
 * {@code curl --location-trusted -u root: -H "k:v" ... -T file URL}. Replies are parsed from Doris's
 * JSON in their field order.
 */
final class Curl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private Curl() {
    }

    /** Uploads the file (or stdin for "-") with the headers ({@code name:value}); returns the reply's fields. */
    static LinkedHashMap<String, Object> streamLoad(String url, String file, String... headers) {
        return parse(run(command(url, file, headers)));
    }

    /** Starts an upload from stdin, which the caller writes and closes. */
    static Process startStreamLoad(String url, String... headers) {
        try {
            return new ProcessBuilder(command(url, "-", headers)).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reply of a started upload, once curl exits. */
    static LinkedHashMap<String, Object> reply(Process curl) {
        return parse(output(curl));
    }

    /** {@code curl -sS URL}: the body. */
    static String get(String url) {
        return run(List.of("curl", "-sS", "-m", "30", url));
    }

    /** {@code curl -sS -o /dev/null -w %{http_code} ...}: the status code of an upload. */
    static int statusOf(String url, Path file, String user) {
        return Integer.parseInt(run(List.of("curl", "-sS", "-m", "30", "--location-trusted", "-u", user, "-o", "/dev/null",
                "-w", "%{http_code}", "-T", file.toString(), url)).strip());
    }

    static LinkedHashMap<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("not a JSON reply: " + json, e);
        }
    }

    private static List<String> command(String url, String file, String... headers) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-m", "120", "--location-trusted", "-u", "root:"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.addAll(List.of("-T", file, url));
        return command;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            return output(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String output(Process process) {
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("curl did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
