package io.tessera.fe.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Measures a parse tree's depth without recursion, so that a statement whose tree is too deep
 * for the later, recursive passes (the AST builder, the analyzers, the evaluator) is refused up
 * front. ANTLR parses left-associative chains such as {@code 1 + 1 + ... + 1} or
 * {@code a AND a AND ...} in a loop, so they parse without overflowing the stack, yet their trees
 * are as deep as they are long; nested parentheses, {@code NOT NOT ...} and {@code - - 1}
 * already overflow the parser, whose StackOverflowError {@link SqlParser} turns into the same
 * error. Stateless and thread-safe.
 */
final class ParseTreeDepth {
    /**
     * The deepest tree accepted: about 1,000 chained operators, far beyond any real statement,
     * and shallow enough for the recursive passes on a 512 KB thread stack.
     */
    static final int MAX_DEPTH = 1000;

    private ParseTreeDepth() {
    }

    /** Whether {@code tree} is deeper than {@code maxDepth} levels; visits each node at most once. */
    static boolean exceeds(ParseTree tree, int maxDepth) {
        Deque<ParseTree> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(tree);
        depths.push(1);
        while (!nodes.isEmpty()) {
            ParseTree node = nodes.pop();
            int depth = depths.pop();
            if (depth > maxDepth) {
                return true;
            }
            for (int i = 0; i < node.getChildCount(); i++) {
                nodes.push(node.getChild(i));
                depths.push(depth + 1);
            }
        }
        return false;
    }
}
