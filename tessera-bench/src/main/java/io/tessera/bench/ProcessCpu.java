package io.tessera.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of the local processes whose command line names a folder, read from
 * /proc: a benchmark's cluster runs its nodes with config files under its folder, so this sums the
 * FE's and BEs' CPU. On a shared machine CPU time moves far less with other load than wall-clock
 * time does. Linux only; elsewhere it reads 0.
 *
 * <p>Threading: stateless.
 */
final class ProcessCpu {
    /** The kernel's clock ticks per second (USER_HZ), 100 on Linux everywhere. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    static double secondsOfProcessesNaming(Path folder) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc,
                path -> path.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8);
                    if (!commandLine.contains(folder.toString())) {
                        continue;
                    }
                    String stat = Files.readString(process.resolve("stat"));
                    // after "pid (name) ": state is field 3, utime field 14 and stime field 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / TICKS_PER_SECOND;
    }
}
