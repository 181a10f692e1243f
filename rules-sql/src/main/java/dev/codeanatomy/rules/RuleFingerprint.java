package dev.codeanatomy.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Canonical rule fingerprints: SHA-256 over the rule's kind, produced kind, priority, output
 * contract (name, version, typed columns), winner policy and canonical SQL ({@link
 * RuleSql#canonical()}). Descriptions, comments, whitespace, keyword case and table alias names do
 * not enter it.
 */
public final class RuleFingerprint {

    private RuleFingerprint() {}

    /** The text that is hashed: one {@code key=value} line per semantic part. */
    public static String canonicalText(RuleSpec spec, String canonicalSql) {
        return "fingerprint=v1\n"
                + "kind="
                + spec.kind()
                + "\nproduces="
                + spec.produces()
                + "\npriority="
                + spec.priority()
                + "\noutput="
                + spec.output()
                + "\nwinner="
                + (spec.winner() == null ? "none" : spec.winner())
                + "\nsql="
                + canonicalSql
                + "\n";
    }

    /** SHA-256 of {@link #canonicalText}, as 64 lowercase hex digits. */
    public static String of(RuleSpec spec, String canonicalSql) {
        return sha256(canonicalText(spec, canonicalSql));
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, 64 lowercase hex digits. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code bytes}, 64 lowercase hex digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
