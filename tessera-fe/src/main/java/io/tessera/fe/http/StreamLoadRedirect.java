package io.tessera.fe.http;

import io.tessera.common.BasicCredentials;
import io.tessera.data.StreamLoadReply;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The FE's part of a Stream Load ({@code PUT /api/{db}/{table}/_stream_load}): check the Basic auth
 * against the FE's accounts (401 when wrong), check LOAD on the table before anything about the
 * table is read, as Doris's {@code LoadAction} does (its {@code {"status": "FAILED", "msg": ...}}
 * answer when missing, so a user without it learns nothing of the table), check that the table exists (Doris's JSON reply with
 * {@code Status: Fail} when not), and redirect (307) to a backend's web server whose port answers ({@link LoadBackendChooser}), which reads the body
 * and runs the load. The FE never reads the body, so a client that sends
 * {@code Expect: 100-continue} uploads only to the backend.
 *
 * <p>Threading: thread-safe; decides from immutable snapshots.
 */
public final class StreamLoadRedirect {
    private final PlainPasswordCheck passwords;
    private final AccessControl access;
    private final Supplier<CatalogSnapshot> catalog;
    private final LoadBackendChooser backends;

    public StreamLoadRedirect(PlainPasswordCheck passwords, AccessControl access, Supplier<CatalogSnapshot> catalog,
                              LoadBackendChooser backends) {
        this.passwords = passwords;
        this.access = access;
        this.catalog = catalog;
        this.backends = backends;
    }

    /**
     * @param database      the database named in the path
     * @param table         the table named in the path
     * @param rawPathQuery  the request's path and query as sent, kept in the redirect
     * @param authorization the {@code Authorization} header, or null
     * @param label         the {@code label} header, or null (for the reply)
     * @param remoteHost    the client's address, for messages
     */
    public HttpAnswer answer(String database, String table, String rawPathQuery, String authorization, String label,
                             String remoteHost) {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        if (credentials.isEmpty() || !passwords.accepts(credentials.get().user(), credentials.get().password(), remoteHost)) {
            String user = credentials.map(BasicCredentials::user).orElse("");
            boolean usingPassword = credentials.map(c -> !c.password().isEmpty()).orElse(false);
            HttpAnswer refused = HttpAnswer.rest(401, "Unauthorized", "Access denied for user '" + user + "'@'"
                    + remoteHost + "' (using password: " + (usingPassword ? "YES" : "NO") + ")");
            return new HttpAnswer(401, refused.contentType(), refused.body(),
                    Map.of("WWW-Authenticate", "Basic realm=\"tessera\""));
        }
        try {
            access.checkTableOverHttpOrThrow(new UserIdentity(credentials.get().user(), remoteHost), Privilege.LOAD,
                    database, table);
        } catch (TesseraException denied) {
            return HttpAnswer.restFailure(denied.getMessage());
        }
        String labelText = label == null ? "" : label;
        CatalogSnapshot snapshot = catalog.get();
        Optional<DatabaseEntry> db = snapshot.database(database);
        if (db.isEmpty()) {
            return HttpAnswer.json(200, StreamLoadReply.failure(labelText, "Unknown database '" + database + "'")
                    .toJson());
        }
        if (db.get().table(table).isEmpty()) {
            return HttpAnswer.json(200, StreamLoadReply.failure(labelText, "Unknown table '" + table
                    + "' in database '" + database + "'").toJson());
        }
        LoadBackendChooser.Choice choice = backends.choose();
        Optional<LoadBackendChooser.Target> target = choice.target();
        if (target.isEmpty()) {
            return HttpAnswer.json(200, StreamLoadReply.failure(labelText, choice.refusal()).toJson());
        }
        String location = "http://" + hostForUrl(target.get().host()) + ":" + target.get().httpPort() + rawPathQuery;
        return new HttpAnswer(307, "text/plain; charset=utf-8", "", Map.of("Location", location));
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
