package io.tessera.fe.sql.ast;

/**
 * One item of a select list.
 *
 * @param expression null for {@code *} (or {@code t.*}, with {@code starQualifier} set)
 * @param alias      the {@code AS} name (the AS keyword is optional), or null
 * @param text       the item's source text exactly as written, e.g. {@code @@version_comment}
 *                   or {@code DATABASE()}: MySQL names an unaliased column after it
 * @param starQualifier for {@code t.*}, "t"; else null
 */
public record SelectItem(Expression expression, String alias, String text, String starQualifier) {
    public boolean isStar() {
        return expression == null;
    }
}
