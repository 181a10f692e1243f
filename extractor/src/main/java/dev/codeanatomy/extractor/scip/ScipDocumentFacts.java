package dev.codeanatomy.extractor.scip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.codeanatomy.extractor.facts.FactWriter;
import dev.codeanatomy.extractor.scip.ScipPositions.PositionException;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.Occurrence;
import dev.codeanatomy.extractor.scip.proto.PositionEncoding;
import dev.codeanatomy.extractor.scip.proto.Relationship;
import dev.codeanatomy.extractor.scip.proto.SymbolInformation;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@code scip_occurrences} and {@code scip_symbols} rows of one SCIP document, with
 * ranges converted from the document's position encoding to UTF-8 byte offsets of the file's actual
 * text. Ranges that do not exist in the text are reported by line, not written.
 */
public final class ScipDocumentFacts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Receives problems of a document: the 0-based line and what was wrong. */
    @FunctionalInterface
    public interface ProblemSink {
        void report(int line, String message);
    }

    private ScipDocumentFacts() {}

    /**
     * Writes the document's rows.
     *
     * @param out the file's writer, whose line index of the file's text (UTF-8 bytes) the ranges
     *     refer to
     * @param externals the index's external symbols; those this document's occurrences use are
     *     written with {@code is_external = true}
     * @return the number of problems reported
     */
    public static int write(
            Document document,
            FactWriter out,
            Map<String, SymbolInformation> externals,
            ProblemSink problems) {
        PositionEncoding encoding = document.getPositionEncoding();
        int problemCount = 0;
        Map<String, int[]> seen = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Occurrence occ : document.getOccurrencesList()) {
            if (occ.getSymbol().isEmpty()) {
                continue; // highlighting-only occurrence: no symbol, no fact
            }
            int startLine = occ.getRangeCount() > 0 ? occ.getRange(0) : -1;
            int[] span;
            Integer[] enclosing = {null, null};
            try {
                span = ScipPositions.toByteSpan(out.lines(), encoding, occ.getRangeList());
                if (occ.getEnclosingRangeCount() > 0) {
                    int[] e =
                            ScipPositions.toByteSpan(
                                    out.lines(), encoding, occ.getEnclosingRangeList());
                    enclosing = new Integer[] {e[0], e[1]};
                }
            } catch (PositionException e) {
                problems.report(
                        startLine, "occurrence of " + occ.getSymbol() + ": " + e.getMessage());
                problemCount++;
                continue;
            }
            String key = occ.getSymbol() + '\0' + span[0] + '\0' + span[1];
            if (seen.putIfAbsent(key, span) != null) {
                continue; // the same occurrence twice: one row (the key is the primary key)
            }
            used.add(occ.getSymbol());
            out.occurrence(
                    occ.getSymbol(),
                    span[0],
                    span[1],
                    occ.getSymbolRoles(),
                    occ.getSyntaxKind(),
                    enclosing[0],
                    enclosing[1]);
        }
        Set<String> written = new HashSet<>();
        for (SymbolInformation s : document.getSymbolsList()) {
            if (!s.getSymbol().isEmpty() && written.add(s.getSymbol())) {
                symbol(s, false, out);
            }
        }
        for (String symbol : used) {
            SymbolInformation s = externals.get(symbol);
            if (s != null && written.add(symbol)) {
                symbol(s, true, out);
            }
        }
        return problemCount;
    }

    private static void symbol(SymbolInformation s, boolean external, FactWriter out) {
        String kind =
                s.getKind() == SymbolInformation.Kind.UnspecifiedKind
                                || s.getKind() == SymbolInformation.Kind.UNRECOGNIZED
                        ? null
                        : s.getKind().name();
        String docs =
                s.getDocumentationCount() == 0
                        ? null
                        : String.join("\n\n", s.getDocumentationList());
        out.symbol(
                s.getSymbol(),
                kind,
                s.getDisplayName().isEmpty() ? null : s.getDisplayName(),
                docs,
                relationships(s.getRelationshipsList()),
                s.getEnclosingSymbol().isEmpty() ? null : s.getEnclosingSymbol(),
                external);
    }

    private static String relationships(List<Relationship> relationships) {
        if (relationships.isEmpty()) {
            return null;
        }
        ArrayNode array = MAPPER.createArrayNode();
        for (Relationship r : relationships) {
            array.addObject()
                    .put("symbol", r.getSymbol())
                    .put("is_reference", r.getIsReference())
                    .put("is_implementation", r.getIsImplementation())
                    .put("is_type_definition", r.getIsTypeDefinition())
                    .put("is_definition", r.getIsDefinition());
        }
        return array.toString();
    }
}
