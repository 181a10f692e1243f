package dev.codeanatomy.delta.source;

/** Where a {@link DeltaCdfSource} starts reading a Delta table. */
public enum StartupMode {
    /**
     * Every live row of the latest snapshot (version V, as +I), then the changes of V+1, V+2, …: no
     * gap and no overlap between the two phases.
     */
    SNAPSHOT_THEN_CHANGES("snapshot-then-changes"),
    /** Only changes committed after the source starts (from latest version + 1). */
    LATEST("latest"),
    /** The changes of a given version and every later one (version 0 replays the whole table). */
    VERSION("version");

    private final String option;

    StartupMode(String option) {
        this.option = option;
    }

    /** The value of the SQL option {@code scan.startup.mode}. */
    public String option() {
        return option;
    }

    /**
     * The mode for a {@code scan.startup.mode} value.
     *
     * @throws IllegalArgumentException listing the valid values
     */
    public static StartupMode fromOption(String value) {
        for (StartupMode m : values()) {
            if (m.option.equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "scan.startup.mode '"
                        + value
                        + "' is unknown; use snapshot-then-changes, latest or version");
    }
}
