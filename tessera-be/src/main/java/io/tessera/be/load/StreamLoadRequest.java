package io.tessera.be.load;

import java.io.InputStream;

/**
 * One Stream Load as the backend's HTTP handler received it. Immutable but for the body, which the
 * load's thread reads once.
 *
 * @param database       the database in the path
 * @param table          the table in the path
 * @param user           the Basic auth user ("" when none was sent)
 * @param password       the Basic auth password
 * @param clientHost     the client's address
 * @param options        the load's headers
 * @param body           the data, read once, as it arrives
 * @param errorUrlPrefix the URL an error log's name is appended to ({@code http://host:port/api/_load_error_log?file=})
 */
public record StreamLoadRequest(String database, String table, String user, String password, String clientHost,
                                StreamLoadOptions options, InputStream body, String errorUrlPrefix) {
}
