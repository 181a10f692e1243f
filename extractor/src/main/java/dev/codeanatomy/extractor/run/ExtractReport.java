package dev.codeanatomy.extractor.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one extractor run and its {@code --report} JSON: {@code {"files", "facts": {dataset:
 * n}, "errors", "bytes", "seconds"}} plus {@code deleted}, {@code skipped}, {@code bundles}, {@code
 * bundle_bytes}, {@code scip_documents}, {@code scip_layers}, {@code scip_layers_deleted}, {@code
 * scip_layers_unchanged}, {@code scip_step} and the first problems (path, 0-based line, message).
 * Thread-safe.
 */
public final class ExtractReport {

    /** Problems kept in the report; the count includes all. */
    static final int MAX_PROBLEMS = 1000;

    /** A problem with an input: where and what. Line is 0-based, -1 when not about a line. */
    public record Problem(String path, int line, String message) {}

    private final long startNanos = System.nanoTime();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong bundleBytes = new AtomicLong();
    private final AtomicLong scipDocuments = new AtomicLong();
    private final AtomicLong bundles = new AtomicLong();
    private final AtomicLong scipLayers = new AtomicLong();
    private final AtomicLong scipLayersDeleted = new AtomicLong();
    private final AtomicLong scipLayersUnchanged = new AtomicLong();
    private volatile String scipStep = "off";
    private volatile double scipSeconds;
    private final Map<String, Long> facts = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private volatile double seconds = -1;

    /** Counts an extracted file, its source bytes, its facts per dataset and its bundle size. */
    public void fileDone(long sourceBytes, Map<String, Integer> factCounts, long bundleSize) {
        files.incrementAndGet();
        bytes.addAndGet(sourceBytes);
        bundleBytes.addAndGet(bundleSize);
        synchronized (facts) {
            factCounts.forEach((k, v) -> facts.merge(k, (long) v, Long::sum));
        }
    }

    /** Counts a deleted file, whose deletion bundles (one per layer) took {@code bundleSize}. */
    public void deletionDone(long bundleSize) {
        deleted.incrementAndGet();
        bundleBytes.addAndGet(bundleSize);
    }

    /** Counts one bundle handed to the sink (a layer of a file, or a layer's deletion). */
    public void bundlePublished() {
        bundles.incrementAndGet();
    }

    /**
     * Counts a scip layer handed to the sink: a live one with its facts per dataset, or a deletion
     * (a file of the indexed tree without a document).
     */
    public void scipLayerDone(boolean deletion, Map<String, Integer> factCounts, long bundleSize) {
        bundles.incrementAndGet();
        bundleBytes.addAndGet(bundleSize);
        (deletion ? scipLayersDeleted : scipLayers).incrementAndGet();
        synchronized (facts) {
            factCounts.forEach((k, v) -> facts.merge(k, (long) v, Long::sum));
        }
    }

    /** Counts a scip layer not published because it equals the last one published. */
    public void scipLayerUnchanged() {
        scipLayersUnchanged.incrementAndGet();
    }

    /**
     * What the SCIP step did: {@code off}, {@code ran}, or {@code skipped: <why>}; with the
     * indexer's wall seconds when it ran.
     */
    public void scipStep(String state, double indexerSeconds) {
        this.scipStep = state;
        this.scipSeconds = indexerSeconds;
    }

    /** Counts a SCIP document that was read. */
    public void scipDocument() {
        scipDocuments.incrementAndGet();
    }

    /** Counts a file that was skipped (no bundle) and records the reason as a problem. */
    public void skipped(String path, String reason) {
        skipped.incrementAndGet();
        problem(path, -1, "skipped: " + reason);
    }

    /** Counts {@code n} errors of one file, recording the first with its line. */
    public void errors(String path, int n, int line, String message) {
        if (n > 0) {
            errors.addAndGet(n - 1);
            problem(path, line, message);
        }
    }

    /** Counts one error and records it. */
    public void problem(String path, int line, String message) {
        errors.incrementAndGet();
        synchronized (problems) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(path, line, message));
            }
        }
    }

    /** Marks the end of the run (fixes {@code seconds}). */
    public void finish() {
        seconds = (System.nanoTime() - startNanos) / 1e9;
    }

    public long files() {
        return files.get();
    }

    public long deleted() {
        return deleted.get();
    }

    /** Bundles handed to the sink: cst layers, scip layers and the deletions of both. */
    public long bundles() {
        return bundles.get();
    }

    /** Live scip layers published. */
    public long scipLayers() {
        return scipLayers.get();
    }

    /** Scip layers skipped as equal to the last one published. */
    public long scipLayersUnchanged() {
        return scipLayersUnchanged.get();
    }

    /** {@code off}, {@code ran} or {@code skipped: <why>}. */
    public String scipStep() {
        return scipStep;
    }

    /** Wall seconds of the indexer in the SCIP step; 0 when it did not run an indexer. */
    public double scipSeconds() {
        return scipSeconds;
    }

    /** Files skipped without a bundle. */
    public long skipped() {
        return skipped.get();
    }

    public long errors() {
        return errors.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public double seconds() {
        return seconds >= 0 ? seconds : (System.nanoTime() - startNanos) / 1e9;
    }

    /** Facts per dataset name. */
    public Map<String, Long> facts() {
        synchronized (facts) {
            return new TreeMap<>(facts);
        }
    }

    /** The first {@link #MAX_PROBLEMS} problems. */
    public List<Problem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** The report as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files.get());
        m.put("facts", facts());
        m.put("errors", errors.get());
        m.put("bytes", bytes.get());
        m.put("seconds", Math.round(seconds() * 1000) / 1000.0);
        m.put("deleted", deleted.get());
        m.put("skipped", skipped.get());
        m.put("bundles", bundles.get());
        m.put("bundle_bytes", bundleBytes.get());
        m.put("scip_step", scipStep);
        m.put("scip_seconds", Math.round(scipSeconds * 1000) / 1000.0);
        m.put("scip_documents", scipDocuments.get());
        m.put("scip_layers", scipLayers.get());
        m.put("scip_layers_deleted", scipLayersDeleted.get());
        m.put("scip_layers_unchanged", scipLayersUnchanged.get());
        m.put("problems", problems());
        return m;
    }

    /** Writes the JSON report to {@code file}. */
    public void write(Path file) throws IOException {
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), toMap());
    }

    /** The one-line summary printed at the end of a run. */
    public String summary() {
        long totalFacts = facts().values().stream().mapToLong(Long::longValue).sum();
        double s = seconds();
        String scip =
                scipStep.equals("ran")
                        ? String.format(
                                java.util.Locale.ROOT,
                                "; scip: %d layers published, %d deleted, %d unchanged",
                                scipLayers.get(),
                                scipLayersDeleted.get(),
                                scipLayersUnchanged.get())
                        : scipStep.equals("off") ? "" : "; scip: " + scipStep;
        return String.format(
                java.util.Locale.ROOT,
                "extract: %d files, %d deleted, %d facts, %d errors, %.1f MB in %.1f s"
                        + " (%.0f files/s, %.2f MB/s)%s",
                files.get(),
                deleted.get(),
                totalFacts,
                errors.get(),
                bytes.get() / 1e6,
                s,
                files.get() / Math.max(s, 1e-9),
                bytes.get() / 1e6 / Math.max(s, 1e-9),
                scip);
    }
}
