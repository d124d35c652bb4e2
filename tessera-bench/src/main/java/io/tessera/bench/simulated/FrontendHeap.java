package io.tessera.bench.simulated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another JVM's heap with {@code jcmd}: forces a full GC ({@code GC.run}), then reads the used
 * heap ({@code GC.heap_info}) and the class histogram ({@code GC.class_histogram}). Stateless.
 */
public final class FrontendHeap {
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 120;

    private FrontendHeap() {
    }

    /** Used heap bytes after two forced full GCs (the second collects what the first one's finalization freed). */
    public static long usedAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher matcher = USED.matcher(info);
        if (!matcher.find()) {
            throw new IllegalStateException("cannot read the used heap from jcmd GC.heap_info:\n" + info);
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /** The first {@code lines} rows of the class histogram (live objects only: it runs a full GC first). */
    public static List<String> histogram(long pid, int lines) throws IOException, InterruptedException {
        List<String> rows = new ArrayList<>();
        for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
            if (rows.size() >= lines + 2) {
                break;
            }
            if (!line.isBlank() && !line.startsWith(pid + ":")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
        }
        return output;
    }
}
