package dev.codeanatomy.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The figures of one bench run; {@link #toJson()} gives the {@code --json} document (snake_case
 * keys, e.g. {@code full_build.facts_per_s_per_core}). Sizes are bytes, times seconds unless the
 * name says ms.
 */
record BenchResult(
        Machine machine,
        Corpus corpus,
        Extractor extractor,
        FullBuild fullBuild,
        BatchBaseline batchBaseline,
        Latency oneFileLatencyMs,
        double costRatio,
        Cost cost,
        double stateBytesPerFact,
        State state,
        double rewriteBytesPerChangedRow,
        Rewrite rewrite,
        Commit commit) {

    /** The machine; load averages are the 1-minute system load at start and end. */
    record Machine(
            int cores,
            long memoryBytes,
            String os,
            String java,
            double loadAverageStart,
            double loadAverageEnd) {

        /** This machine now, with the 1-minute load average at the start of the run. */
        static Machine now(double loadAverageStart) {
            var os = ManagementFactory.getOperatingSystemMXBean();
            long mem =
                    os instanceof com.sun.management.OperatingSystemMXBean sun
                            ? sun.getTotalMemorySize()
                            : -1;
            return new Machine(
                    ProcessMeter.cores(),
                    mem,
                    os.getName() + " " + os.getVersion() + " " + os.getArch(),
                    Runtime.version().toString(),
                    loadAverageStart,
                    loadAverage());
        }

        /** The system's 1-minute load average. */
        static double loadAverage() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** The corpus: Python files and their bytes. */
    record Corpus(String path, long files, long bytes) {}

    /** The full extraction on its own (tree-sitter, scip-python when on, Kafka publish). */
    record Extractor(
            long files,
            long facts,
            long errors,
            double seconds,
            double filesPerS,
            boolean scip,
            double scipSeconds) {}

    /**
     * Extract → Kafka → streaming job → Delta. {@code facts} are the extractor's input facts;
     * {@code seconds} = extraction + job (from planning the job to its last Delta commit); {@code
     * jobSubmitSeconds} is the part spent planning the SQL rules and submitting the job.
     */
    record FullBuild(
            long facts,
            double seconds,
            double jobSeconds,
            double jobSubmitSeconds,
            double factsPerS,
            @JsonProperty("facts_per_s_per_core") double factsPerSPerCore,
            double factsPerCpuS,
            double cpuSeconds,
            long peakRssBytes,
            long deltaBytesWritten,
            long deltaCommits,
            long fileNodes,
            int parallelism) {}

    /** The same topic contents through the same job in Flink batch mode. */
    record BatchBaseline(double seconds, double streamingJobOverBatch) {}

    /** Publish → Delta commit of one-file edits, ms (nearest-rank percentiles). */
    record Latency(int edits, double p50, double p90, double p99, double max) {}

    /** CPU seconds: the full build, one update (idle cost subtracted), and the idle job. */
    record Cost(
            double fullBuildCpuS,
            @JsonProperty("update_cpu_s_median") double updateCpuSMedian,
            @JsonProperty("update_cpu_s_mean") double updateCpuSMean,
            @JsonProperty("idle_cpu_s_per_s") double idleCpuSPerS) {}

    /** The latest completed checkpoint after the edits. */
    record State(long checkpointId, long stateBytes) {}

    /** Delta commits of cpg_nodes and cpg_edges made for the edits (one per checkpoint). */
    record Rewrite(
            long commits,
            long bytesWritten,
            long bytesRemoved,
            long changeRows,
            double bytesPerCommitPerChangedRow) {}

    /**
     * One git commit end to end (extract → Kafka → streaming job → Delta) against a job holding its
     * parent, CST facts only and with a full scip-python run; null with {@code --no-commit}.
     *
     * @param files Python files at the commit
     * @param changedFiles Python files the commit added, modified or deleted
     */
    record Commit(
            String repo,
            String fromCommit,
            String toCommit,
            long files,
            List<String> changedFiles,
            CommitLane cst,
            CommitLane scip) {}

    /**
     * One way of running the commit.
     *
     * @param extractSeconds the extractor run: git diff, reading the files, scip-python when on,
     *     tree-sitter, publishing
     * @param scipSeconds scip-python's part of it (0 without)
     * @param publishToDeltaSeconds from the first bundle handed to Kafka to the last Delta commit
     *     of cpg_nodes or cpg_edges the change caused
     * @param endToEndSeconds from the start of the extractor run to that Delta commit
     */
    record CommitLane(
            long facts,
            double extractSeconds,
            double scipSeconds,
            double publishToDeltaSeconds,
            double endToEndSeconds) {}

    /** The nearest-rank percentile {@code p} (0–100) of {@code sorted}; NaN when empty. */
    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** The {@code --json} document, pretty-printed. */
    String toJson() {
        return toJson(this, "bench result");
    }

    /**
     * A result record as the pretty-printed {@code --json} document: snake_case names, nulls kept.
     *
     * @throws IllegalStateException naming {@code what} when Jackson cannot write it
     */
    static String toJson(Object result, String what) {
        ObjectMapper m =
                new ObjectMapper()
                        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                        .enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return m.writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + what + " as JSON", e);
        }
    }
}
