package dev.codeanatomy.extractor.cst;

import java.nio.charset.StandardCharsets;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/** Node types by grammar symbol and node text of one parsed file (UTF-8 bytes). */
final class SyntaxText {

    private final String[] symbolNames;
    private byte[] text;

    SyntaxText(TSLanguage language) {
        int n = language.symbolCount();
        symbolNames = new String[n];
        for (int i = 0; i < n; i++) {
            symbolNames[i] = language.symbolName(i);
        }
    }

    void reset(byte[] text) {
        this.text = text;
    }

    byte[] bytes() {
        return text;
    }

    /** The node's type; one JNI call, no string copy ("ERROR" for error nodes). */
    String type(TSNode node) {
        int s = Nodes.symbol(node);
        return s >= 0 && s < symbolNames.length ? symbolNames[s] : "ERROR";
    }

    String text(TSNode node) {
        return text(Nodes.start(node), Nodes.end(node));
    }

    String text(int start, int end) {
        return new String(text, start, end - start, StandardCharsets.UTF_8);
    }

    /** Named children count without comments. */
    int namedChildrenWithoutComments(TSNode node) {
        int count = 0;
        int n = Nodes.namedChildCount(node);
        for (int i = 0; i < n; i++) {
            if (!"comment".equals(type(Nodes.namedChild(node, i)))) {
                count++;
            }
        }
        return count;
    }

    /** The last identifier of a name-like expression (identifier, a.b.c, a[b]); null if none. */
    TSNode lastIdentifier(TSNode expr) {
        TSNode node = expr;
        for (int depth = 0; depth < 16 && !Nodes.isNull(node); depth++) {
            switch (type(node)) {
                case "identifier":
                    return node;
                case "attribute":
                    node = Nodes.field(node, "attribute");
                    break;
                case "subscript":
                    node = Nodes.field(node, "value");
                    break;
                default:
                    return null;
            }
        }
        return null;
    }
}
