package dev.codeanatomy.extractor.cst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.treesitter.TSException;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/** {@link Nodes} gives the binding's own answers, node for node, and its error on null nodes. */
class NodesTest {

    private static final String SOURCE =
            String.join(
                    "\n",
                    "import os.path as p",
                    "class Café(Base, metaclass=M):",
                    "    @staticmethod",
                    "    def f(a, *b, c: int = 1, **d) -> 'T':",
                    "        return [x for x in b if x] or p.join(a, 'é')",
                    "def broken(:",
                    "    pass",
                    "");

    @Test
    void agreesWithTheBindingOnEveryNodeOfATree() {
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterPython());
            try (TSTree tree = parser.parseString(null, SOURCE)) {
                int visited = 0;
                Deque<TSNode> todo = new ArrayDeque<>();
                todo.push(tree.getRootNode());
                while (!todo.isEmpty()) {
                    TSNode node = todo.pop();
                    visited++;
                    assertThat(Nodes.isNull(node)).isFalse();
                    assertThat(Nodes.start(node)).isEqualTo(node.getStartByte());
                    assertThat(Nodes.end(node)).isEqualTo(node.getEndByte());
                    assertThat(Nodes.symbol(node)).isEqualTo(node.getSymbol());
                    assertThat(Nodes.childCount(node)).isEqualTo(node.getChildCount());
                    assertThat(Nodes.namedChildCount(node)).isEqualTo(node.getNamedChildCount());
                    for (int i = 0; i < node.getNamedChildCount(); i++) {
                        assertThat(TSNode.eq(Nodes.namedChild(node, i), node.getNamedChild(i)))
                                .isTrue();
                    }
                    for (String field : new String[] {"name", "body", "arguments", "left"}) {
                        TSNode ours = Nodes.field(node, field);
                        TSNode theirs = node.getChildByFieldName(field);
                        assertThat(Nodes.isNull(ours)).isEqualTo(theirs.isNull());
                        if (!theirs.isNull()) {
                            assertThat(TSNode.eq(ours, theirs)).isTrue();
                        }
                    }
                    TSNode parent = Nodes.parent(node);
                    assertThat(Nodes.isNull(parent)).isEqualTo(node.getParent().isNull());
                    for (int i = node.getChildCount() - 1; i >= 0; i--) {
                        TSNode child = Nodes.child(node, i);
                        assertThat(TSNode.eq(child, node.getChild(i))).isTrue();
                        assertThat(TSNode.eq(Nodes.parent(child), node)).isTrue();
                        todo.push(child);
                    }
                }
                // the walk went through the whole tree (99 nodes with this grammar), not only the
                // root
                assertThat(visited).isGreaterThan(SOURCE.split("\\W+").length);
                // the byte offsets are UTF-8: "Café" ends one byte after its four characters
                TSNode cls = Nodes.namedChild(tree.getRootNode(), 1);
                TSNode name = Nodes.field(cls, "name");
                int at = SOURCE.indexOf("Café");
                assertThat(Nodes.start(name))
                        .isEqualTo(SOURCE.substring(0, at).getBytes(StandardCharsets.UTF_8).length);
                assertThat(Nodes.end(name) - Nodes.start(name)).isEqualTo(5);
            }
        }
    }

    @Test
    void aNullNodeIsRefusedAsTheBindingRefusesIt() {
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterPython());
            try (TSTree tree = parser.parseString(null, "x = 1\n")) {
                TSNode none = Nodes.field(tree.getRootNode(), "name");
                assertThat(none.isNull()).isTrue();
                assertThat(Nodes.isNull(none)).isTrue();
                assertThat(Nodes.isNull(null)).isTrue();
                assertThatThrownBy(none::getEndByte).isInstanceOf(TSException.class);
                assertThatThrownBy(() -> Nodes.end(none))
                        .isInstanceOf(TSException.class)
                        .hasMessage("Node is a null node");
                assertThatThrownBy(() -> Nodes.start(none)).isInstanceOf(TSException.class);
                assertThatThrownBy(() -> Nodes.symbol(none)).isInstanceOf(TSException.class);
                assertThatThrownBy(() -> Nodes.field(none, "left")).isInstanceOf(TSException.class);
                assertThatThrownBy(() -> Nodes.namedChild(none, 0)).isInstanceOf(TSException.class);
                assertThatThrownBy(() -> Nodes.parent(null)).isInstanceOf(TSException.class);
            }
        }
    }
}
