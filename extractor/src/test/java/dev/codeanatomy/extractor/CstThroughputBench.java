package dev.codeanatomy.extractor;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.extractor.facts.FactWriter;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.PythonModules;
import dev.codeanatomy.extractor.source.PythonSourceDecoder;
import dev.codeanatomy.extractor.source.SourceFile;
import dev.codeanatomy.udf.positions.LineIndex;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterPython;

/**
 * Benchmark (not a test): CST throughput over a source tree, files/s and MB/s, next to a
 * tree-sitter parse-only baseline measured in the same JVM under the same load. Usage: {@code java
 * -cp cli/target/codeanatomy.jar:extractor/target/test-classes
 * dev.codeanatomy.extractor.CstThroughputBench ROOT [THREADS]}; skips {@code site-packages}.
 */
final class CstThroughputBench {

    private CstThroughputBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads =
                args.length > 1
                        ? Integer.parseInt(args[1])
                        : Runtime.getRuntime().availableProcessors();
        List<byte[]> texts = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        long bytes = 0;
        for (SourceFile f : DirectorySources.list(root, PythonModules::isPython)) {
            if (f.path().startsWith("site-packages/")) {
                continue;
            }
            byte[] t = PythonSourceDecoder.decode(f.read()).utf8();
            if (t != null) {
                texts.add(t);
                paths.add(f.path());
                bytes += t.length;
            }
        }
        System.out.printf("%d files, %.1f MB, %d threads%n", texts.size(), bytes / 1e6, threads);
        for (int round = 1; round <= 2; round++) {
            run("parse only", texts, paths, threads, bytes, false);
            run("CST facts (bundles built)", texts, paths, threads, bytes, true);
        }
    }

    private static void run(
            String label,
            List<byte[]> texts,
            List<String> paths,
            int threads,
            long bytes,
            boolean facts)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong factCount = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(
                    pool.submit(
                            () -> {
                                var mx = ManagementFactory.getThreadMXBean();
                                long cpu0 = mx.getCurrentThreadCpuTime();
                                try (PythonCstExtractor extractor = new PythonCstExtractor();
                                        TSParser parser = new TSParser()) {
                                    parser.setLanguage(new TreeSitterPython());
                                    for (int i = (int) next.getAndIncrement();
                                            i < texts.size();
                                            i = (int) next.getAndIncrement()) {
                                        byte[] text = texts.get(i);
                                        if (facts) {
                                            FileBundleBuilder b =
                                                    FileBundleBuilder.forFile(
                                                            "FILE:x",
                                                            dev.codeanatomy.contracts.Layer.CST,
                                                            "r",
                                                            1);
                                            extractor.extract(
                                                    text,
                                                    PythonModules.moduleName(paths.get(i)),
                                                    PythonModules.isPackageInit(paths.get(i)),
                                                    new FactWriter(
                                                            "FILE:x", LineIndex.of(text), b));
                                            factCount.addAndGet(b.factCount());
                                            b.build().toByteArray();
                                        } else {
                                            byte[] buf = new byte[text.length + 1];
                                            parser.parse(
                                                            buf,
                                                            null,
                                                            (dst, off, p) -> {
                                                                int n =
                                                                        Math.min(
                                                                                dst.length,
                                                                                text.length - off);
                                                                if (n <= 0) {
                                                                    return 0;
                                                                }
                                                                System.arraycopy(
                                                                        text, off, dst, 0, n);
                                                                return n;
                                                            },
                                                            TSInputEncoding.TSInputEncodingUTF8)
                                                    .close();
                                        }
                                    }
                                }
                                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                                return null;
                            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = cpuNanos.get() / 1e9;
        System.out.printf(
                "%-26s wall %6.1f s: %6.1f files/s %5.2f MB/s | cpu %6.1f s: %6.1f files/cpu-s"
                        + " %5.2f MB/cpu-s | %d facts | load %.1f%n",
                label,
                wall,
                texts.size() / wall,
                bytes / 1e6 / wall,
                cpu,
                texts.size() / cpu,
                bytes / 1e6 / cpu,
                factCount.get(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
