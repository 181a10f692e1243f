package dev.codeanatomy.migrations;

/**
 * A rule-set parameter ({@code ${bucket_count}}, resolver depths) whose SQL literal differs.
 *
 * @param name the parameter
 * @param oldValue its literal in the old manifest, {@code null} when unset there
 * @param newValue its literal in the new build, {@code null} when unset
 */
public record ParameterChange(String name, String oldValue, String newValue) {

    /** {@code bucket_count 16 -> 32}. */
    public String text() {
        return name
                + " "
                + (oldValue == null ? "unset" : oldValue)
                + " -> "
                + (newValue == null ? "unset" : newValue);
    }
}
