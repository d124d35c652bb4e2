package io.tessera.be.storage.tablet;

import io.tessera.be.storage.BackendFailure;
import io.tessera.proto.backend.StatusCode;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's published rowsets and the life of their files. The current list is the last
 * durably written {@code meta.pb}. When a compaction replaces rowsets, the replaced ones become
 * <em>stale</em>: no longer current, but kept for {@code staleKeepNanos} so that a scan of an older
 * version (the FE may still read the version before a load it has not made visible yet) finds
 * the versions a merged rowset covers beyond it; and a stale file is deleted only once no open
 * {@link ReplicaReadView} reads it, so scans that began before a compaction stay exact. Stale
 * rowsets live in memory only: after a restart the loader removes their files as orphans.
 *
 * <p>Threading: thread-safe. The current meta is a volatile field read without locking. Opening a
 * view (choosing its rowsets and counting it as a reader), installing a new meta and retiring
 * rowsets take this object's monitor, held only for in-memory work; files are deleted after it is
 * released.
 */
final class PublishedRowsets {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedRowsets.class);

    private final String replicaName;
    private final ReplicaLayout layout;
    private final Clock clock;
    private final long staleKeepNanos;
    private volatile TabletMeta meta;
    /** File name to the number of open views that read it. */
    private final Map<String, Integer> readers = new HashMap<>();
    /** File name to a replaced rowset, in the order they were retired. */
    private final Map<String, StaleRowset> stale = new LinkedHashMap<>();
    /** Runs once the last open view closes (the replica was dropped while scans read it); null when none. */
    private Runnable whenUnread;

    private record StaleRowset(RowsetMeta rowset, long retiredAtNanos) {
    }

    /**
     * @param replicaName    {@code tablet <id> replica <id>}, for messages
     * @param staleKeepNanos how long replaced rowsets stay readable for older versions
     */
    PublishedRowsets(String replicaName, ReplicaLayout layout, TabletMeta meta, Clock clock, long staleKeepNanos) {
        this.replicaName = replicaName;
        this.layout = layout;
        this.meta = meta;
        this.clock = clock;
        this.staleKeepNanos = staleKeepNanos;
    }

    TabletMeta meta() {
        return meta;
    }

    /** Makes {@code next} current; it must keep every current rowset (a publish only adds). */
    synchronized void install(TabletMeta next) {
        meta = next;
    }

    /**
     * Makes {@code next} current, where a compaction replaced {@code replaced} by one rowset; the
     * replaced rowsets become stale (deleted at once when nobody reads them and nothing is kept).
     */
    void replace(TabletMeta next, List<RowsetMeta> replaced) {
        List<String> deletable;
        synchronized (this) {
            meta = next;
            long now = clock.monotonicNanos();
            for (RowsetMeta rowset : replaced) {
                stale.put(rowset.getFileName(), new StaleRowset(rowset, now));
            }
            deletable = expiredUnread(now);
        }
        delete(deletable);
    }

    /**
     * A view of the versions up to {@code version}, counted as a reader of its files until closed.
     *
     * @throws TesseraException when the version is not there, or lies inside a merged rowset whose
     *                          parts are no longer kept
     */
    ReplicaReadView open(long replicaId, long version) {
        List<String> names;
        TabletMeta current;
        synchronized (this) {
            current = meta;
            if (version > current.getVersion()) {
                throw new BackendFailure(StatusCode.CONFLICT, replicaName + " is at version " + current.getVersion()
                        + "; cannot read version " + version);
            }
            if (version < current.getCreatedVersion()) {
                throw new BackendFailure(StatusCode.CONFLICT, replicaName + " starts at version " + current.getCreatedVersion()
                        + " (its creation); cannot read version " + version);
            }
            names = path(current, version);
            names.forEach(name -> readers.merge(name, 1, Integer::sum));
        }
        List<Path> files = names.stream().map(layout::rowsetFile).toList();
        return new ReplicaReadView(current.getTabletId(), replicaId, current.getSchema(), version, files,
                () -> release(names));
    }

    /**
     * The current meta and a view of exactly its rowsets (the version it is at), chosen together,
     * counted as a reader of their files until closed: what a clone's source sends.
     */
    ReplicaSnapshot openCurrent(long replicaId) {
        TabletMeta current;
        List<String> names;
        synchronized (this) {
            current = meta;
            names = current.getRowsetsList().stream().map(RowsetMeta::getFileName).toList();
            names.forEach(name -> readers.merge(name, 1, Integer::sum));
        }
        List<Path> files = names.stream().map(layout::rowsetFile).toList();
        return new ReplicaSnapshot(current, new ReplicaReadView(current.getTabletId(), replicaId, current.getSchema(),
                current.getVersion(), files, () -> release(names)));
    }

    /** Deletes stale files kept long enough that nobody reads; returns how many. */
    int sweep() {
        List<String> deletable;
        synchronized (this) {
            deletable = expiredUnread(clock.monotonicNanos());
        }
        delete(deletable);
        return deletable.size();
    }

    synchronized int staleCount() {
        return stale.size();
    }

    private void release(List<String> names) {
        List<String> deletable;
        Runnable unread = null;
        synchronized (this) {
            for (String name : names) {
                readers.computeIfPresent(name, (key, count) -> count == 1 ? null : count - 1);
            }
            deletable = expiredUnread(clock.monotonicNanos());
            if (readers.isEmpty() && whenUnread != null) {
                unread = whenUnread;
                whenUnread = null;
            }
        }
        delete(deletable);
        if (unread != null) {
            unread.run();
        }
    }

    /**
     * Keeps {@code action} until the last open view closes, on the closing thread; false (and
     * nothing kept) when no view is open, so the caller acts at once. What a drop uses: a replica's
     * folder leaves for trash only once no running scan or clone reads its files.
     */
    synchronized boolean deferUntilUnread(Runnable action) {
        if (readers.isEmpty()) {
            return false;
        }
        whenUnread = action;
        return true;
    }

    /**
     * The files that hold exactly versions {@code created + 1 .. version}: the current rowsets when
     * they end there, else a walk from the first version that takes, at each step, the widest
     * rowset (current or stale) starting there and ending at or before {@code version}. Ranges are
     * nested or disjoint (a compaction merges whole consecutive rowsets), so the walk never takes a
     * turn that strands it.
     */
    private List<String> path(TabletMeta current, long version) {
        List<String> names = new ArrayList<>();
        long reached = current.getCreatedVersion();
        for (RowsetMeta rowset : current.getRowsetsList()) {
            if (RowsetVersions.end(rowset) > version) {
                break;
            }
            names.add(rowset.getFileName());
            reached = RowsetVersions.end(rowset);
        }
        if (reached == version) {
            return names;
        }
        TreeMap<Long, RowsetMeta> widestByStart = new TreeMap<>();
        List<RowsetMeta> all = new ArrayList<>(current.getRowsetsList());
        stale.values().forEach(entry -> all.add(entry.rowset()));
        for (RowsetMeta rowset : all) {
            if (RowsetVersions.end(rowset) <= version) {
                widestByStart.merge(RowsetVersions.start(rowset), rowset,
                        (a, b) -> RowsetVersions.end(a) >= RowsetVersions.end(b) ? a : b);
            }
        }
        names.clear();
        long next = current.getCreatedVersion() + 1;
        while (next <= version) {
            RowsetMeta step = widestByStart.get(next);
            if (step == null) {
                RowsetMeta covering = current.getRowsetsList().stream()
                        .filter(r -> RowsetVersions.start(r) <= version && RowsetVersions.end(r) > version)
                        .findFirst().orElseThrow(() -> new IllegalStateException(replicaName
                                + ": no rowset holds version " + version + " in " + current.getRowsetsList()));
                throw new BackendFailure(StatusCode.CONFLICT, replicaName + " cannot read version " + version + ": versions "
                        + RowsetVersions.start(covering) + "-" + RowsetVersions.end(covering)
                        + " were merged by compaction; read version " + RowsetVersions.end(covering) + " or later");
            }
            names.add(step.getFileName());
            next = RowsetVersions.end(step) + 1;
        }
        return names;
    }

    /** Removes from the stale list and returns the files kept long enough that no view reads. */
    private List<String> expiredUnread(long nowNanos) {
        List<String> deletable = new ArrayList<>();
        stale.entrySet().removeIf(entry -> {
            boolean expired = nowNanos - entry.getValue().retiredAtNanos() >= staleKeepNanos;
            if (expired && !readers.containsKey(entry.getKey())) {
                deletable.add(entry.getKey());
                return true;
            }
            return false;
        });
        return deletable;
    }

    private void delete(List<String> names) {
        for (String name : names) {
            try {
                Files.deleteIfExists(layout.rowsetFile(name));
            } catch (IOException e) {
                // Not in meta.pb any more: the loader removes it at the next start.
                LOG.warn("{}: cannot delete the replaced rowset file {}: {}", replicaName, name, e.toString());
            }
        }
    }
}
