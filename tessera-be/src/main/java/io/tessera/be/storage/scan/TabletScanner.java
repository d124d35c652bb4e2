package io.tessera.be.storage.scan;

import io.tessera.be.storage.BackendFailure;
import io.tessera.proto.backend.StatusCode;
import io.tessera.be.storage.tablet.ReplicaReadView;
import io.tessera.be.storage.tablet.RowsetReader;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one scan of one replica snapshot: reads every rowset file record batch by record batch,
 * evaluates the filter a whole batch at a time, and either projects the passing rows (up to the
 * limit) or folds them into a partial aggregation, sending results in bounded batches. The filter
 * and aggregation are checked before any file is opened. Arrow memory comes from a child of the
 * BE's capped allocator and is returned when the scan ends.
 *
 * <p>A scan whose receiver cancelled stops before its next record batch, so a cancelled query
 * stops reading even when it sends nothing until the end (an aggregation).
 *
 * <p>Threading: thread-safe; each call is independent (many scans run in parallel).
 */
public final class TabletScanner {
    private final BufferAllocator allocator;

    public TabletScanner(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * @return false when the sink went away before the end
     * @throws TesseraException for a bad request or an unreadable file, naming tablet and file
     */
    public boolean scan(ReplicaReadView view, ScanSpec spec, ScanSink sink) {
        return scan(view, spec, sink, () -> false);
    }

    /**
     * As {@link #scan(ReplicaReadView, ScanSpec, ScanSink)}, checking {@code cancelled} before
     * every record batch read.
     *
     * @return false when the sink went away or the scan was cancelled before the end
     */
    public boolean scan(ReplicaReadView view, ScanSpec spec, ScanSink sink, BooleanSupplier cancelled) {
        TabletSchema schema = view.schema();
        Predicate filter = spec.filter().map(expression -> new PredicateCompiler(schema).compile(expression))
                .orElse(null);
        Aggregator aggregator = spec.aggregation().map(aggregation -> new Aggregator(schema, aggregation, sink))
                .orElse(null);
        Projector projector = aggregator == null ? new Projector(schema, spec.columns(), spec.limit(), sink) : null;
        ScanOutput output = aggregator != null ? aggregator.output() : projector.output();
        BatchView batch = new BatchView(schema);
        Selection selection = new Selection();
        byte[] states = new byte[0];
        String name = "tablet " + view.tabletId() + " replica " + view.replicaId();
        try (BufferAllocator scanAllocator = allocator.newChildAllocator("scan of " + name, 0, allocator.getLimit())) {
            for (Path file : view.rowsetFiles()) {
                if (projector != null && projector.done()) {
                    break;
                }
                try (RowsetReader reader = RowsetReader.open(file, schema, scanAllocator)) {
                    while (true) {
                        if (cancelled.getAsBoolean()) {
                            throw new ScanCancelledException();
                        }
                        if (!reader.next()) {
                            break;
                        }
                        int rows = reader.rowCount();
                        batch.reset(reader);
                        output.countRead(rows);
                        if (filter == null) {
                            selection.selectAll(rows);
                        } else {
                            if (states.length < rows) {
                                states = new byte[rows];
                            }
                            filter.evaluate(batch, states);
                            selection.selectTrue(states, rows);
                        }
                        if (aggregator != null) {
                            aggregator.add(batch, selection);
                        } else {
                            projector.add(batch, selection);
                            if (projector.done()) {
                                break;
                            }
                        }
                    }
                } catch (NoSuchFileException e) {
                    throw new BackendFailure(StatusCode.NOT_FOUND, name + ": rowset file " + file.getFileName()
                            + " is gone (was the replica dropped?)");
                } catch (IOException e) {
                    throw new TesseraException(name + ": cannot read rowset file " + file.getFileName() + ": " + e);
                }
            }
            if (aggregator != null) {
                aggregator.finish();
            } else {
                output.finish();
            }
            return true;
        } catch (ScanCancelledException e) {
            return false;
        }
    }
}
