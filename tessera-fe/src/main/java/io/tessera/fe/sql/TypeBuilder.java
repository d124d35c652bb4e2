package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.TypeDefinition;
import io.tessera.fe.sql.parser.TesseraParser;
import java.util.Locale;

/**
 * Turns a {@code dataType} tree ({@code name[(n[, m])]}) into a {@link TypeDefinition}: the name
 * is mapped to its canonical spelling and the numbers in parentheses are checked against what the
 * type takes. Type names are identifiers in the grammar, so an unknown name is reported here, in
 * the shape of a syntax error.
 *
 * <p>Threading: stateless; every method is a pure function.
 */
final class TypeBuilder {
    private TypeBuilder() {
    }

    /** A column type of CREATE TABLE. */
    static TypeDefinition columnType(TesseraParser.DataTypeContext ctx) {
        return build(ctx, false);
    }

    /** The target type of CAST, which also knows MySQL's SIGNED and UNSIGNED. */
    static TypeDefinition castType(TesseraParser.DataTypeContext ctx) {
        return build(ctx, true);
    }

    /**
     * A CAST or CONVERT target, where MySQL also takes {@code SIGNED INTEGER} and {@code UNSIGNED INT}:
     * {@code trailing} is the second word, null when there is none.
     */
    static TypeDefinition castType(TesseraParser.DataTypeContext ctx, TesseraParser.IdentifierContext trailing) {
        if (trailing != null) {
            String first = AstBuilder.identifier(ctx.typeName).toUpperCase(Locale.ROOT);
            String second = AstBuilder.identifier(trailing).toUpperCase(Locale.ROOT);
            boolean signedness = first.equals("SIGNED") || first.equals("UNSIGNED");
            if (!signedness || ctx.first != null || !(second.equals("INT") || second.equals("INTEGER"))) {
                throw SyntaxErrorListener.errorAt("Unknown data type '" + AstBuilder.identifier(ctx.typeName) + " "
                        + AstBuilder.identifier(trailing) + "'", trailing.getStart());
            }
        }
        return build(ctx, true);
    }

    private static TypeDefinition build(TesseraParser.DataTypeContext ctx, boolean cast) {
        String written = AstBuilder.identifier(ctx.typeName);
        Integer first = ctx.first == null ? null : AstBuilder.intValue(ctx.first);
        Integer second = ctx.second == null ? null : AstBuilder.intValue(ctx.second);
        switch (written.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN":
                return plain(ctx, "BOOLEAN");
            case "TINYINT":
                return integer(ctx, "TINYINT");
            case "SMALLINT":
                return integer(ctx, "SMALLINT");
            case "INT":
            case "INTEGER":
                return integer(ctx, "INT");
            case "BIGINT":
                return integer(ctx, "BIGINT");
            case "LARGEINT":
                return integer(ctx, "LARGEINT");
            case "FLOAT":
                return plain(ctx, "FLOAT");
            case "DOUBLE":
                return plain(ctx, "DOUBLE");
            case "DECIMAL":
            case "DECIMALV3":
                return new TypeDefinition("DECIMAL", null, first, second);
            case "DATE":
            case "DATEV2":
                return plain(ctx, "DATE");
            case "DATETIME":
            case "DATETIMEV2":
                atMostOne(ctx, "DATETIME");
                return new TypeDefinition("DATETIME", null, first, null);
            case "CHAR":
                atMostOne(ctx, "CHAR");
                return new TypeDefinition("CHAR", first, null, null);
            case "VARCHAR":
                atMostOne(ctx, "VARCHAR");
                return new TypeDefinition("VARCHAR", first, null, null);
            case "STRING":
                return plain(ctx, "STRING");
            case "SIGNED":
                if (cast) {
                    return plain(ctx, "BIGINT");
                }
                break;
            case "UNSIGNED":
                if (cast) {
                    return plain(ctx, "LARGEINT");
                }
                break;
            default:
                break;
        }
        throw SyntaxErrorListener.errorAt("Unknown data type '" + written + "'", ctx.typeName.getStart());
    }

    /** A type that takes no parameters. */
    private static TypeDefinition plain(TesseraParser.DataTypeContext ctx, String name) {
        if (ctx.first != null) {
            throw SyntaxErrorListener.errorAt("Type " + name + " takes no parameters", ctx.first);
        }
        return TypeDefinition.of(name);
    }

    /** An integer type: a MySQL display width, {@code INT(11)}, is accepted and dropped. */
    private static TypeDefinition integer(TesseraParser.DataTypeContext ctx, String name) {
        atMostOne(ctx, name);
        return TypeDefinition.of(name);
    }

    private static void atMostOne(TesseraParser.DataTypeContext ctx, String name) {
        if (ctx.second != null) {
            throw SyntaxErrorListener.errorAt("Type " + name + " takes at most one parameter", ctx.second);
        }
    }
}
