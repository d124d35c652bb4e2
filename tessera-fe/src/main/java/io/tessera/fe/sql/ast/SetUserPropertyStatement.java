package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Map;

/**
 * {@code SET PROPERTY [FOR 'user'] 'key' = 'value' [, 'key' = 'value' ...]}.
 *
 * @param user        the user name; null for the session's own
 * @param assignments the pairs in the order written
 */
public record SetUserPropertyStatement(String user, List<Map.Entry<String, String>> assignments) implements Statement {
    public SetUserPropertyStatement {
        assignments = List.copyOf(assignments);
    }
}
