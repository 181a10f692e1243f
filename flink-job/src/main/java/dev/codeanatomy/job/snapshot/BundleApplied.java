package dev.codeanatomy.job.snapshot;

/**
 * What the snapshot diff did with one bundle: the changelog it emitted, for progress and latency.
 */
public class BundleApplied {
    public String fileId;

    /** The layer's wire name, {@code cst} or {@code scip}. */
    public String layer;

    public String runId;
    public long runSeq;

    /** True when the bundle was older than the live run and ignored. */
    public boolean ignored;

    /** True for a deletion bundle. */
    public boolean deleted;

    public long inserts;
    public long updates;
    public long deletes;

    /** Kafka timestamp of the record that completed the bundle, epoch ms. */
    public long publishedMs;

    /** For Flink's POJO serializer. */
    public BundleApplied() {}

    /** Number of changelog rows emitted (an update counts as two: -U and +U). */
    public long changelogRows() {
        return inserts + deletes + 2 * updates;
    }

    @Override
    public String toString() {
        return fileId
                + "/"
                + layer
                + " run="
                + runId
                + (ignored ? " ignored" : "")
                + (deleted ? " deleted" : "")
                + " +I="
                + inserts
                + " U="
                + updates
                + " -D="
                + deletes;
    }
}
