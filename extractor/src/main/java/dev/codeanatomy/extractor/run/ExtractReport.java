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
 * n}, "errors", "bytes", "seconds"}} plus {@code deleted}, {@code skipped}, {@code bundle_bytes},
 * {@code scip_documents} and the first problems (path, 0-based line, message). Thread-safe.
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

    /** Counts a deletion bundle. */
    public void deletionDone(long bundleSize) {
        deleted.incrementAndGet();
        bundleBytes.addAndGet(bundleSize);
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
        m.put("bundle_bytes", bundleBytes.get());
        m.put("scip_documents", scipDocuments.get());
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
        return String.format(
                java.util.Locale.ROOT,
                "extract: %d files, %d deleted, %d facts, %d errors, %.1f MB in %.1f s"
                        + " (%.0f files/s, %.2f MB/s)",
                files.get(),
                deleted.get(),
                totalFacts,
                errors.get(),
                bytes.get() / 1e6,
                s,
                files.get() / Math.max(s, 1e-9),
                bytes.get() / 1e6 / Math.max(s, 1e-9));
    }
}
