package dev.codeanatomy.delta.source;

/** A Delta table cannot be read as a changelog; the message names the table, version and fix. */
public class DeltaCdfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeltaCdfException(String message) {
        super(message);
    }

    public DeltaCdfException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The change data of {@code version} is gone (log cleanup or VACUUM). */
    public static DeltaCdfException vacuumed(
            String table, long version, String what, Throwable cause) {
        return new DeltaCdfException(
                "Delta table "
                        + table
                        + ": the changes of version "
                        + version
                        + " can no longer be read because "
                        + what
                        + " (removed by VACUUM or log cleanup). Restart the source without"
                        + " its state with scan.startup.mode=snapshot-then-changes to take a new"
                        + " snapshot, or keep history longer on the table"
                        + " (delta.logRetentionDuration, delta.deletedFileRetentionDuration) so"
                        + " a source that falls behind can catch up.",
                cause);
    }
}
