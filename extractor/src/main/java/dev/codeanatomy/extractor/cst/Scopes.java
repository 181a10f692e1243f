package dev.codeanatomy.extractor.cst;

import java.util.Arrays;

/** Stack of enclosing definitions (MODULE, CLASS, FUNCTION) while captures arrive in order. */
final class Scopes {
    static final int MODULE = 0;
    static final int CLASS = 1;
    static final int FUNCTION = 2;

    private String[] ids = new String[16];
    private String[] names = new String[16];
    private int[] ends = new int[16];
    private int[] kinds = new int[16];
    private int size;

    void push(String id, int end, int kind, String qualifiedName) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            names = Arrays.copyOf(names, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        ids[size] = id;
        names[size] = qualifiedName;
        ends[size] = end;
        kinds[size] = kind;
        size++;
    }

    /** Pops the definitions that end at or before {@code start} (the module is never popped). */
    void popEndedBefore(int start) {
        while (size > 1 && ends[size - 1] <= start) {
            size--;
        }
    }

    String id() {
        return ids[size - 1];
    }

    String qualifiedName() {
        return names[size - 1];
    }

    int kind() {
        return kinds[size - 1];
    }
}
