package io.tessera.fe.sql;

import io.tessera.common.TesseraException;
import java.util.Locale;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Stops lexing or parsing at the first error by throwing a {@link TesseraException} in Doris's
 * shape: {@code "\n" + ANTLR's message + "(line L, pos P)"}. ANTLR's default listener would only
 * print to the console and carry on. Control characters the message quotes from the statement (a
 * NUL byte, say) are shown as {@code \x00}, so that clients print the whole message.
 *
 * <p>Threading: stateless; the single {@link #INSTANCE} is shared by all parses.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    static final SyntaxErrorListener INSTANCE = new SyntaxErrorListener();

    private SyntaxErrorListener() {
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
            int charPositionInLine, String message, RecognitionException cause) {
        throw new TesseraException("\n" + printable(message) + "(line " + line + ", pos " + charPositionInLine + ")");
    }

    /**
     * An error found by an AST builder after a successful parse (an unknown type name, a number
     * out of range), in the same shape as a syntax error, located at {@code token}.
     */
    static TesseraException errorAt(String message, Token token) {
        return new TesseraException("\n" + printable(message) + "(line " + token.getLine() + ", pos "
                + token.getCharPositionInLine() + ")");
    }

    /** The text with every control character written as {@code \xNN}. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
