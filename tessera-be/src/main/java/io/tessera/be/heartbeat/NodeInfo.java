package io.tessera.be.heartbeat;

import java.lang.management.ManagementFactory;

/**
 * The facts about this BE that every accepted heartbeat reports; fixed once the BE's ports are bound.
 *
 * @param bePort             the bound {@code be_port}
 * @param httpPort           the bound {@code webserver_port}
 * @param brpcPort           -1: no second data port
 * @param arrowFlightSqlPort -1: no Arrow Flight SQL service
 * @param version            the Tessera version
 * @param startTimeMs        when the BE process started (wall ms)
 * @param nodeRole           {@code mix} or {@code computation}
 * @param cpuCores           processors available to the JVM
 * @param memoryBytes        physical memory of the machine (or container)
 */
public record NodeInfo(int bePort, int httpPort, int brpcPort, int arrowFlightSqlPort, String version,
                       long startTimeMs, String nodeRole, int cpuCores, long memoryBytes) {

    /** Physical memory as the operating system reports it (a container's limit inside a container). */
    public static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
