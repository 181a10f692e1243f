package dev.codeanatomy.extractor;

import java.util.ArrayList;
import java.util.List;

/**
 * The identifier a SCIP symbol names, from the symbol grammar of scip.proto: the name of its last
 * descriptor; for a module symbol ({@code pkg/mod/__init__:}) the last module path component. Null
 * for local symbols, which do not encode a name.
 */
final class ScipSymbolNames {

    private ScipSymbolNames() {}

    static String name(String symbol) {
        if (symbol.startsWith("local ")) {
            return null;
        }
        // skip scheme, manager, package name, version: four space-separated fields ("  " escapes)
        int pos = 0;
        for (int field = 0; field < 4; field++) {
            while (pos < symbol.length()) {
                if (symbol.charAt(pos) == ' ') {
                    if (pos + 1 < symbol.length() && symbol.charAt(pos + 1) == ' ') {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                pos++;
            }
        }
        List<String[]> descriptors = new ArrayList<>(); // {name, suffix}
        while (pos < symbol.length()) {
            char c = symbol.charAt(pos);
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                int[] end = {0};
                String name = readName(symbol, pos + 1, end);
                pos = end[0];
                if (pos < symbol.length() && symbol.charAt(pos) == close) {
                    pos++;
                }
                descriptors.add(new String[] {name, c == '(' ? "param" : "typeparam"});
                continue;
            }
            int[] end = {0};
            String name = readName(symbol, pos, end);
            pos = end[0];
            if (pos >= symbol.length()) {
                break;
            }
            char suffix = symbol.charAt(pos);
            if (suffix == '(') { // method: name(disambiguator).
                int close = symbol.indexOf(')', pos);
                pos = close + 2;
                descriptors.add(new String[] {name, "method"});
            } else {
                pos++;
                descriptors.add(new String[] {name, String.valueOf(suffix)});
            }
        }
        if (descriptors.isEmpty()) {
            return null;
        }
        String[] last = descriptors.get(descriptors.size() - 1);
        if (last[1].equals(":") && last[0].equals("__init__") && descriptors.size() > 1) {
            String ns = descriptors.get(descriptors.size() - 2)[0];
            return ns.substring(ns.lastIndexOf('.') + 1);
        }
        return last[0];
    }

    private static String readName(String s, int pos, int[] end) {
        StringBuilder out = new StringBuilder();
        if (pos < s.length() && s.charAt(pos) == '`') {
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '`') {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '`') {
                        out.append('`');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                out.append(c);
                pos++;
            }
        } else {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (!(Character.isLetterOrDigit(c)
                        || c == '_'
                        || c == '+'
                        || c == '-'
                        || c == '$')) {
                    break;
                }
                out.append(c);
                pos++;
            }
        }
        end[0] = pos;
        return out.toString();
    }
}
