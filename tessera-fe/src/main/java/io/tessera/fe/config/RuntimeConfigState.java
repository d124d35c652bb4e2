package io.tessera.fe.config;

import io.tessera.common.BatchedState;
import io.tessera.common.TesseraException;
import io.tessera.fe.meta.JournaledState;
import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SetFrontendConfigRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE config in force: fe.conf's values (or the defaults) under the values {@code ADMIN SET
 * FRONTEND CONFIG} set since. Doris keeps such a change in one FE's memory; Tessera journals it as
 * a {@link SetFrontendConfigRecord}, so it reaches every FE, survives a restart and comes with a
 * metadata snapshot.
 *
 * <p>Precedence: a journaled value beats fe.conf's, which beats the default. Editing fe.conf does
 * not undo a SET; {@link #logOverrides} names, at start, every key whose journaled value differs
 * from fe.conf's (or the default), so the operator sees why the file's value is not in force.
 *
 * <p>Threading: the journaled values are an immutable map, with the {@link RuntimeConfig} made from
 * it, replaced on the journal apply thread and read through {@link BatchedState}'s volatile field;
 * readers on any thread ({@link #current}, {@link #entries}) never see half a batch.
 */
public final class RuntimeConfigState implements JournaledState {
    /** Every journaled value in force, sorted by key: this state's part of a metadata snapshot. */
    public record OverridesImage(List<SetFrontendConfigRecord> overrides) implements StateImage {
        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            for (SetFrontendConfigRecord override : overrides) {
                sink.accept(SnapshotRecord.newBuilder().setFrontendConfig(override).build());
            }
        }
    }

    /**
     * @param overrides journaled values by key, canonical text
     * @param runtime   the scheduler's typed values with those applied
     */
    private record Values(Map<String, String> overrides, RuntimeConfig runtime) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigState.class);

    private final Map<String, String> fileValues;
    private final BatchedState<Values> values;

    /**
     * @param fileValues fe.conf's values of known keys, canonical text ({@link FeConfig#fileValues})
     */
    public RuntimeConfigState(Map<String, String> fileValues) {
        this.fileValues = Map.copyOf(fileValues);
        this.values = new BatchedState<>(new Values(Map.of(), RuntimeConfig.of(this.fileValues)));
    }

    /** The scheduler's and decommission's values now. */
    public RuntimeConfig current() {
        return values.published().runtime();
    }

    /** Every key with the value in force, sorted by key. */
    public List<ConfigEntry> entries() {
        Map<String, String> overrides = values.published().overrides();
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : ConfigKeys.all()) {
            entries.add(new ConfigEntry(key, overrides.getOrDefault(key.name(), fileValue(key))));
        }
        return entries;
    }

    /**
     * The journal record of an {@code ADMIN SET FRONTEND CONFIG}, or Doris's error for a statement
     * with other than one pair, an unknown key, a key read only at start, or a value not of the
     * key's type.
     */
    public static SetFrontendConfigRecord setRecord(Map<String, String> properties) {
        if (properties.size() != 1) {
            throw new TesseraException("config parameter size is not equal to 1");
        }
        Map.Entry<String, String> pair = properties.entrySet().iterator().next();
        ConfigKey key = ConfigKeys.find(pair.getKey()).orElseThrow(
                () -> new TesseraException("Config '" + pair.getKey() + "' does not exist"));
        if (!key.mutable()) {
            throw new TesseraException("Config '" + key.name() + "' is not mutable");
        }
        String value;
        try {
            value = key.canonical(pair.getValue());
        } catch (IllegalArgumentException e) {
            throw new TesseraException("Failed to set config '" + key.name() + "'. err: " + e.getMessage());
        }
        return SetFrontendConfigRecord.newBuilder().setKey(key.name()).setValue(value).build();
    }

    /**
     * Applies a journaled SET. A key this version does not know or reads only at start, or a value
     * it cannot read, is skipped with a warning, so an old journal never stops an FE from starting.
     */
    public void replay(SetFrontendConfigRecord record) {
        Optional<ConfigKey> key = ConfigKeys.find(record.getKey());
        if (key.isEmpty() || !key.get().mutable()) {
            LOG.warn("journal sets FE config '{}', which this version does not have or reads only at start;"
                    + " ignored", record.getKey());
            return;
        }
        String value;
        try {
            value = key.get().canonical(record.getValue());
        } catch (IllegalArgumentException e) {
            LOG.warn("journal sets FE config '{}' to '{}', which this version refuses ({}); ignored",
                    record.getKey(), record.getValue(), e.getMessage());
            return;
        }
        Map<String, String> overrides = new HashMap<>(values.current().overrides());
        overrides.put(key.get().name(), value);
        Map<String, String> inForce = new HashMap<>(fileValues);
        inForce.putAll(overrides);
        values.set(new Values(Map.copyOf(overrides), RuntimeConfig.of(inForce)));
    }

    /**
     * One line per journaled value that differs from fe.conf's (or the default), logged at start
     * after the journal was replayed; the lines are returned as well.
     */
    public List<String> logOverrides() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> override : new TreeMap<>(values.published().overrides()).entrySet()) {
            ConfigKey key = ConfigKeys.find(override.getKey()).orElseThrow();
            String file = fileValue(key);
            if (!file.equals(override.getValue())) {
                lines.add("FE config '" + key.name() + "' is " + override.getValue()
                        + " as set by ADMIN SET FRONTEND CONFIG (journaled); it overrides "
                        + (fileValues.containsKey(key.name()) ? "fe.conf's " : "the default ") + file);
            }
        }
        for (String line : lines) {
            LOG.info(line);
        }
        if (lines.isEmpty()) {
            LOG.info("FE config: fe.conf's values (or the defaults) are in force; no journaled"
                    + " ADMIN SET FRONTEND CONFIG overrides them");
        }
        return lines;
    }

    private String fileValue(ConfigKey key) {
        return fileValues.getOrDefault(key.name(), key.defaultValue());
    }

    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.SET_FRONTEND_CONFIG);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.FRONTEND_CONFIG);
    }

    @Override
    public void replay(JournalRecord record) {
        replay(record.getSetFrontendConfig());
    }

    @Override
    public void beginBatch() {
        values.begin();
    }

    @Override
    public void publishBatch() {
        values.publish();
    }

    @Override
    public void discardBatch() {
        values.discard();
    }

    @Override
    public OverridesImage capture() {
        List<SetFrontendConfigRecord> records = new ArrayList<>();
        for (Map.Entry<String, String> override : new TreeMap<>(values.published().overrides()).entrySet()) {
            records.add(SetFrontendConfigRecord.newBuilder().setKey(override.getKey())
                    .setValue(override.getValue()).build());
        }
        return new OverridesImage(List.copyOf(records));
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        replay(record.getFrontendConfig());
    }
}
