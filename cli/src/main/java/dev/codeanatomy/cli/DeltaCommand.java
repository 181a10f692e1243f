package dev.codeanatomy.cli;

import dev.codeanatomy.delta.core.DeltaOptimizer;
import dev.codeanatomy.delta.core.ForklessLocalFileSystem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.MemorySize;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeanatomy delta}: maintenance of the Delta tables the sink writes. */
@Command(
        name = "delta",
        mixinStandardHelpOptions = true,
        description = "Delta table maintenance (optimize).",
        subcommands = {DeltaCommand.Optimize.class})
final class DeltaCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "optimize",
            mixinStandardHelpOptions = true,
            description =
                    "Bin-pack each bucket's small files into files of about the target size, as one"
                            + " dataChange=false commit (change data feed readers skip it).")
    static final class Optimize implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "PATH",
                description = "Delta table root (path or s3a:/abfs: URI).")
        String path;

        @Option(
                names = "--target-file-size",
                defaultValue = "128mb",
                description =
                        "Target file size; smaller files are compacted (default: ${DEFAULT-VALUE}).")
        String targetFileSize;

        @Option(
                names = {"-p", "--property"},
                paramLabel = "KEY=VALUE",
                description =
                        "Hadoop configuration property, e.g. fs.s3a.endpoint=http://minio:9000.")
        Map<String, String> properties = new LinkedHashMap<>();

        @Override
        public Integer call() {
            Configuration conf = new Configuration();
            properties.forEach(conf::set);
            ForklessLocalFileSystem.configure(conf);
            long target = MemorySize.parse(targetFileSize).getBytes();
            DeltaOptimizer.Result r = DeltaOptimizer.optimize(path, conf, target);
            if (r.version() < 0) {
                System.out.println(
                        "delta optimize "
                                + path
                                + ": nothing to compact (no bucket has two files under "
                                + targetFileSize
                                + ")");
            } else {
                System.out.printf(
                        "delta optimize %s: version %d, %d bucket(s), %d file(s) -> %d file(s), %d bytes rewritten%n",
                        path,
                        r.version(),
                        r.buckets(),
                        r.filesRemoved(),
                        r.filesAdded(),
                        r.bytesRewritten());
            }
            return 0;
        }
    }
}
