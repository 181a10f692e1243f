package dev.codeanatomy.extractor.cst;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.treesitter.TSException;
import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * {@link TSNode} accessors for the extractor's hot path, with the same results and errors as the
 * node's own methods but fewer JNI calls.
 *
 * <p>Why: in the tree-sitter binding ({@code io.github.bonede:tree-sitter}) every {@code TSNode}
 * method first calls {@code ts_node_is_null} through JNI, then the operation itself, and each JNI
 * call converts the Java node to tree-sitter's {@code TSNode} struct by looking up the node class's
 * six field ids ({@code GetFieldID}, not cached). A profile of {@code extract} over the standard
 * library spent about a third of its CPU in those lookups. Here:
 *
 * <ul>
 *   <li>{@link #isNull} and {@link #start} read the node's fields in Java: tree-sitter's {@code
 *       ts_node_is_null} is {@code id == NULL} and {@code ts_node_start_byte} is {@code context[0]}
 *       (tree-sitter {@code lib/src/node.c}), which the binding stores in the fields {@code idPtr}
 *       and {@code context0};
 *   <li>the others check for a null node in Java, throwing the {@link TSException} the binding
 *       throws, and then make the single JNI call of the operation (the binding's {@code protected
 *       static} natives of {@link TSParser}, reachable from this subclass).
 * </ul>
 *
 * <p>Nodes returned here do not hold a reference to their {@code TSTree}: the caller keeps the tree
 * open (and reachable) while it uses them, as {@link PythonCstExtractor} does. Byte offsets are
 * into the UTF-8 text that was parsed. If a later binding renames the fields, class initialization
 * fails with {@link ExceptionInInitializerError} (every extractor test would).
 */
final class Nodes extends TSParser {

    private static final VarHandle ID;
    private static final VarHandle START_BYTE;

    static {
        try {
            MethodHandles.Lookup lookup =
                    MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
            ID = lookup.findVarHandle(TSNode.class, "idPtr", long.class);
            START_BYTE = lookup.findVarHandle(TSNode.class, "context0", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Nodes() {
        throw new AssertionError("static accessors only");
    }

    /** Whether {@code node} is absent: Java null or tree-sitter's null node. */
    static boolean isNull(TSNode node) {
        return node == null || (long) ID.get(node) == 0L;
    }

    /** Start byte (UTF-8 offset) of a non-null node. */
    static int start(TSNode node) {
        checkNotNull(node);
        return (int) START_BYTE.get(node);
    }

    /** End byte (UTF-8 offset, exclusive) of a non-null node. */
    static int end(TSNode node) {
        checkNotNull(node);
        return ts_node_end_byte(node);
    }

    /** The node's grammar symbol (its type id, aliases applied). */
    static int symbol(TSNode node) {
        checkNotNull(node);
        return ts_node_symbol(node);
    }

    /** The child of {@code field} (a grammar field name), or tree-sitter's null node. */
    static TSNode field(TSNode node, String field) {
        checkNotNull(node);
        return ts_node_child_by_field_name(node, field);
    }

    /** Number of named children. */
    static int namedChildCount(TSNode node) {
        checkNotNull(node);
        return ts_node_named_child_count(node);
    }

    /** Named child {@code index} (0-based), or tree-sitter's null node. */
    static TSNode namedChild(TSNode node, int index) {
        checkNotNull(node);
        return ts_node_named_child(node, index);
    }

    /** Number of children, anonymous ones included. */
    static int childCount(TSNode node) {
        checkNotNull(node);
        return ts_node_child_count(node);
    }

    /** Child {@code index} (0-based, anonymous children included), or tree-sitter's null node. */
    static TSNode child(TSNode node, int index) {
        checkNotNull(node);
        return ts_node_child(node, index);
    }

    /** The parent, or tree-sitter's null node for the root. */
    static TSNode parent(TSNode node) {
        checkNotNull(node);
        return ts_node_parent(node);
    }

    private static void checkNotNull(TSNode node) {
        if (isNull(node)) {
            throw new TSException("Node is a null node");
        }
    }
}
