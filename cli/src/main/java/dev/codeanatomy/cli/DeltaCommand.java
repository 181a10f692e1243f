package dev.codeanatomy.cli;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaOptimizer;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.ForklessLocalFileSystem;
import java.util.LinkedHashMap;
import java.util.List;
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
                            + " dataChange=false commit (change data feed readers skip it). Rows"
                            + " the sink keeps in files of their own stay apart: for a table named"
                            + " cpg_nodes or cpg_edges the kinds that change with other files"
                            + " (as the job's sink), else those of --separate-rows.")
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
                names = "--separate-rows",
                paramLabel = "COLUMN=V1,V2,...",
                description =
                        "Keep the rows whose COLUMN holds one of the values in files of their own"
                                + " (the sink's sink.separate-rows.*). Default: kind and the"
                                + " cross-file kinds for cpg_nodes / cpg_edges, none otherwise.")
        String separateRows;

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
            DeltaTableSpec.SeparateRows separate = separateRows(path, separateRows);
            DeltaOptimizer.Result r = DeltaOptimizer.optimize(path, conf, target, separate);
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

        /**
         * The separate rows of {@code --separate-rows COLUMN=V1,V2}, or by default those of the CPG
         * output table the path's last segment names (null for other tables).
         */
        static DeltaTableSpec.SeparateRows separateRows(String path, String option) {
            if (option != null) {
                int eq = option.indexOf('=');
                if (eq <= 0 || eq == option.length() - 1) {
                    throw new picocli.CommandLine.ParameterException(
                            new picocli.CommandLine(new Optimize()),
                            "--separate-rows "
                                    + option
                                    + ": expected COLUMN=V1,V2,... (e.g. kind=SYMBOL)");
                }
                return new DeltaTableSpec.SeparateRows(
                        option.substring(0, eq), List.of(option.substring(eq + 1).split(",")));
            }
            String name = path.replaceAll("/+$", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            for (DatasetContract c : List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES)) {
                if (c.name().equals(name)) {
                    return new DeltaTableSpec.SeparateRows("kind", Contracts.crossFileKinds(c));
                }
            }
            return null;
        }
    }
}
