package dev.codeanatomy.extractor.cst;

import dev.codeanatomy.extractor.facts.FactWriter;

/**
 * Merges the captures of one identifier node into its {@code cst_refs} row: the strongest role wins
 * (skip &gt; del &gt; store &gt; attr &gt; load). Captures arrive ordered by start byte, so an
 * identifier is complete once a capture starts after it.
 */
final class IdentifierRoles {

    private static final String[] CTX = {"load", "attr", "store", "del", null};
    private static final int STORE = 2;
    private static final int DEL = 3;

    private final SyntaxText syntax;
    private final FactWriter out;
    private final ScopeAnalysis analysis;
    private int start = -1;
    private int end;
    private int role;
    private String parentId;
    private NameScope scope;

    IdentifierRoles(SyntaxText syntax, FactWriter out, ScopeAnalysis analysis) {
        this.syntax = syntax;
        this.out = out;
        this.analysis = analysis;
    }

    /** The role of an identifier capture name, or -1 for other captures. */
    static int role(String captureName) {
        return switch (captureName) {
            case "load" -> 0;
            case "attr" -> 1;
            case "store" -> 2;
            case "del" -> 3;
            case "skip" -> 4;
            default -> -1;
        };
    }

    /** One capture of the identifier spanning [start, end). */
    void capture(int start, int end, int role, Scopes scopes) {
        if (start == this.start && end == this.end) {
            this.role = Math.max(this.role, role);
            return;
        }
        flushBefore(start);
        scopes.popEndedBefore(start);
        this.start = start;
        this.end = end;
        this.role = role;
        this.parentId = scopes.id();
        this.scope = analysis.scopeAt(start);
    }

    /**
     * Writes the pending identifier if it starts before {@code position}; a store or del binds the
     * name in its scope.
     */
    void flushBefore(int position) {
        if (this.start >= 0 && this.start < position) {
            String ctx = CTX[role];
            if (ctx != null) {
                String name = syntax.text(start, end);
                out.ref(parentId, name, ctx, start, end);
                if (role == STORE || role == DEL) {
                    analysis.store(scope, name, start, end);
                }
            }
            this.start = -1;
        }
    }
}
