package dev.codeanatomy.migrations;

/**
 * One dataset contract that differs between the running build's manifest and the new build.
 *
 * @param name the dataset ({@code cst_calls}, {@code cpg_edges}, …)
 * @param oldVersion its version in the old manifest, {@code null} when the old build had no such
 *     dataset
 * @param newVersion its version in the new build, {@code null} when the new build dropped it
 * @param schema whether the schema fingerprint changed: {@code CHANGED}, {@code UNCHANGED}, or
 *     {@code UNKNOWN} when the old manifest predates schema fingerprints
 * @param upgradable whether this build registers upgraders from {@code oldVersion} to the current
 *     version ({@code ContractUpgrades#path}), so live state and bundles of the old version are
 *     read through them; {@code false} also for a dataset added or dropped
 */
public record ContractChange(
        String name, Integer oldVersion, Integer newVersion, Schema schema, boolean upgradable) {

    /** How the schema fingerprint ({@code schema_sha256}) compares. */
    public enum Schema {
        CHANGED,
        UNCHANGED,
        UNKNOWN
    }

    /** {@code cst_calls v1 -> v2 (schema changed)}, {@code absent} for a missing side. */
    public String text() {
        return name
                + " "
                + (oldVersion == null ? "absent" : "v" + oldVersion)
                + " -> "
                + (newVersion == null ? "absent" : "v" + newVersion)
                + switch (schema) {
                    case CHANGED -> " (schema changed)";
                    case UNCHANGED -> "";
                    case UNKNOWN -> " (schema not compared: old manifest has no fingerprint)";
                }
                + (upgradable ? ", upgraders registered" : ", no upgrader");
    }
}
