package io.tessera.fe.exec;

import io.tessera.fe.config.ConfigEntry;
import io.tessera.fe.config.RuntimeConfigState;
import io.tessera.fe.expr.LikePattern;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.SetFrontendConfigStatement;
import io.tessera.fe.sql.ast.ShowFrontendConfigStatement;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SetFrontendConfigRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ADMIN SHOW FRONTEND CONFIG [LIKE '...']} and {@code ADMIN SET FRONTEND CONFIG ("key" =
 * "value")}, with Doris's columns, texts and ADMIN privilege. A SET is journaled (Doris keeps it in
 * memory only) and answers once applied, so the next SHOW on any FE sees it.
 *
 * <p>Threading: stateless; reads the config state's published values; safe from any thread.
 */
public final class FrontendConfigExecutor {
    static final String MASKED_PASSWORD = "******";
    static final List<String> TITLES = List.of("Key", "Value", "Type", "IsMutable", "MasterOnly", "Comment");
    /** Doris types these columns STRING; Tessera sends a VARCHAR of STRING's default length. */
    private static final List<Column> COLUMNS = TITLES.stream().map(title -> Column.varchar(title, 65_533)).toList();

    private final RuntimeConfigState config;
    private final MetadataWriter writer;

    public FrontendConfigExecutor(RuntimeConfigState config, MetadataWriter writer) {
        this.config = config;
        this.writer = writer;
    }

    /** Every key with its value in force, sorted by key; LIKE matches the key, ignoring case. */
    public ResultSet show(ShowFrontendConfigStatement statement, SessionContext session) {
        LikePattern like = statement.likePattern() == null
                ? null : LikePattern.caseInsensitive(statement.likePattern());
        List<List<String>> rows = new ArrayList<>();
        for (ConfigEntry entry : config.entries()) {
            if (like == null || like.matches(entry.key().name())) {
                rows.add(List.of(entry.key().name(), shown(entry), entry.key().type().displayName(),
                        Boolean.toString(entry.key().mutable()), Boolean.toString(entry.key().masterOnly()),
                        entry.key().comment()));
            }
        }
        return ResultSet.of(COLUMNS, rows);
    }

    /** A password key's value is masked (the TLS stores' and key's): SHOW is open to every ADMIN session. */
    private static String shown(ConfigEntry entry) {
        return entry.key().name().endsWith("_password") && !entry.value().isEmpty() ? MASKED_PASSWORD : entry.value();
    }

    /** Checks the pair as Doris does, journals it, and answers OK once it is applied. */
    public CompletableFuture<QueryResult> set(SetFrontendConfigStatement statement, SessionContext session) {
        SetFrontendConfigRecord record = RuntimeConfigState.setRecord(statement.properties());
        return writer.submit(ids -> new WriteResult<Void>(
                        List.of(JournalRecord.newBuilder().setSetFrontendConfig(record).build()), null))
                .thenApply(ignored -> OkResult.EMPTY);
    }
}
