package dev.codeanatomy.tests;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark + delta-spark session setup of the tests: {@code local[2]}, UI off, two shuffle and
 * snapshot partitions (Spark's default of 50 snapshot partitions makes a tiny Delta snapshot take
 * ~50 s on 2 cores), Delta's SQL extension and catalog.
 */
public final class SparkSessions {

    private SparkSessions() {}

    /**
     * A builder with the shared settings; add test-specific {@code config} and call getOrCreate.
     */
    public static SparkSession.Builder local(String appName) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config(
                        "spark.sql.catalog.spark_catalog",
                        "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
}
