package io.tessera.fe.audit;

import io.tessera.fe.auth.PasswordMask;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Makes one audit line as Doris's {@code AuditLogBuilder} and log4j layout write it:
 * {@code 2025-01-01 08:00:00,000 [query] |Client=...|User=...|...|Stmt=...}, the fields Tessera has
 * in Doris's order (docs/compatibility.md lists the ones it leaves out). Passwords in the statement
 * and in an error message that quotes them are masked ({@link PasswordMask}); a statement longer than
 * {@code maxStatementBytes} UTF-8 bytes is cut with Doris's marker (cut, then masked); newlines, carriage returns and
 * tabs in the statement are written as {@code \n}, {@code \r}, {@code \t}, and in the error message
 * as spaces, so an event is always one line.
 *
 * <p>Immutable; safe from any thread.
 */
public final class AuditLineFormat {
    /** Doris's catalog name for its own tables; Tessera has no other catalog. */
    static final String CATALOG = "internal";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final ZoneId zone;
    private final int maxStatementBytes;
    private final String frontendIp;

    /**
     * @param zone              the zone the line's time is written in (the machine's)
     * @param maxStatementBytes statements longer than this are truncated (Doris's
     *                          {@code audit_plugin_max_sql_length}, 4096)
     * @param frontendIp        this FE's address ({@code feIp})
     */
    public AuditLineFormat(ZoneId zone, int maxStatementBytes, String frontendIp) {
        if (maxStatementBytes <= 0) {
            throw new IllegalArgumentException("maxStatementBytes must be positive: " + maxStatementBytes);
        }
        this.zone = zone;
        this.maxStatementBytes = maxStatementBytes;
        this.frontendIp = frontendIp;
    }

    public String format(AuditEvent event) {
        String statement = event.statementText();
        StringBuilder line = new StringBuilder(160 + Math.min(statement.length(), maxStatementBytes));
        line.append(TIME.format(Instant.ofEpochMilli(event.endWallMillis()).atZone(zone))).append(" [query] ");
        field(line, "Client", event.client());
        field(line, "User", event.user());
        field(line, "Ctl", CATALOG);
        field(line, "Db", event.database());
        field(line, "State", event.state().name());
        field(line, "ErrorCode", Integer.toString(event.errorCode()));
        field(line, "ErrorMessage", oneLine(PasswordMask.maskLiterals(statement, event.errorMessage())));
        field(line, "Time(ms)", Long.toString(event.elapsedMillis()));
        field(line, "ReturnRows", Long.toString(event.returnRows()));
        field(line, "StmtId", Long.toString(event.statementId()));
        field(line, "IsQuery", Boolean.toString(event.query()));
        field(line, "feIp", frontendIp);
        field(line, "Stmt", escaped(maskedAndTruncated(statement)));
        return line.toString();
    }

    private static void field(StringBuilder line, String key, String value) {
        line.append('|').append(key).append('=').append(value);
    }

    /**
     * Doris's {@code truncateByBytes} (whole characters up to the bound, then its marker), with the
     * passwords masked. The cut comes first, so the mask's cost is bounded whatever the statement's
     * size; a password the cut splits is still masked (an unterminated string is a password too).
     */
    private String maskedAndTruncated(String statement) {
        if (statement.length() <= maxStatementBytes / 3) {
            return PasswordMask.mask(statement);
        }
        byte[] bytes = statement.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxStatementBytes) {
            return PasswordMask.mask(statement);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
        CharBuffer kept = CharBuffer.allocate(maxStatementBytes);
        decoder.decode(ByteBuffer.wrap(bytes, 0, maxStatementBytes), kept, true);
        kept.flip();
        return PasswordMask.mask(kept.toString()) + " ... /* truncated. audit_plugin_max_sql_length="
                + maxStatementBytes + " */";
    }

    private static String escaped(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
