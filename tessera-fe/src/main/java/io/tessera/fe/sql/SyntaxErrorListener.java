package io.tessera.fe.sql;

import io.tessera.common.TesseraException;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Stops lexing or parsing at the first error by throwing a {@link TesseraException} in Doris's
 * shape: {@code "\n" + ANTLR's message + "(line L, pos P)"}. ANTLR's default listener would only
 * print to the console and carry on.
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
        throw new TesseraException("\n" + message + "(line " + line + ", pos " + charPositionInLine + ")");
    }

    /**
     * An error found by an AST builder after a successful parse (an unknown type name, a number
     * out of range), in the same shape as a syntax error, located at {@code token}.
     */
    static TesseraException errorAt(String message, Token token) {
        return new TesseraException("\n" + message + "(line " + token.getLine() + ", pos "
                + token.getCharPositionInLine() + ")");
    }
}
