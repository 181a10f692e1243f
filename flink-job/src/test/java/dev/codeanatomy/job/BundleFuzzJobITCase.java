package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.job.snapshot.StateRetention;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.kafka.BundleFuzzer;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the running job: thousands of mutated bundle records ({@link BundleFuzzer}: byte flips,
 * truncations, mangled varints, absurd counts and sizes, dropped and reordered chunks and
 * manifests, removed, permuted and garbled headers) interleaved with good bundles go through the
 * real topic into one job that may not restart (restart strategy {@code none}: any exception in any
 * task fails the job). At the end the job is still RUNNING, every bad case has a {@code
 * dead_letters} row whose {@code source} is one of its records (chunks whose manifest never comes
 * through the pending-chunk timeout), no good record has one, and every good bundle's file is in
 * {@code cpg_nodes}. The seed is printed; replay with {@code -Dfuzz.seed=N}.
 */
class BundleFuzzJobITCase {

    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);

    /** Mutated cases (one file's layer each: a record, or chunks and a manifest). */
    private static final int MUTATED = 1500;

    /** A good bundle after every this many mutated cases. */
    private static final int GOOD_EVERY = 25;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path tmp;

    /** A case as sent: its records' sources, and whether the model's reader rejects it. */
    private record Sent(BundleFuzzer.Case fuzzed, List<String> sources, boolean bad) {}

    @Test
    void mutatedRecordsBecomeDeadLettersGoodOnesLandAndTheJobNeverRestarts() throws Exception {
        long testStart = System.nanoTime();
        System.out.println("BundleFuzzJobITCase seed " + SEED + " (-Dfuzz.seed=" + SEED + ")");
        BundleFuzzer fuzzer = new BundleFuzzer(SEED, KafkaTopics.BUNDLES, 2);
        List<BundleFuzzer.Case> cases = new ArrayList<>();
        List<String> goodPaths = new ArrayList<>();
        for (int i = 0; i < MUTATED; i++) {
            if (i % GOOD_EVERY == 0) {
                String path = "good/" + goodPaths.size() + ".py";
                goodPaths.add(path);
                cases.add(fuzzer.good(path, goodPaths.size() % 2 == 0));
            }
            cases.add(fuzzer.mutated("fuzz/" + i + ".py"));
        }

        JobOptions options =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        // few buckets: few Delta files per commit, so polling the tables stays
                        // cheap
                        .withBucketCount(4)
                        .withDeltaRoot(tmp.resolve("delta").toString())
                        .withStateRetention(
                                StateRetention.defaults()
                                        .withPendingChunkTimeout(Duration.ofSeconds(5)));
        Configuration conf = JobConfiguration.of(options);
        // Any exception fails the job instead of restarting it: RUNNING at the end means no
        // failure and no restart.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CpgJob.build(env, options);
        long start = System.nanoTime();
        System.out.printf("BundleFuzzJobITCase: job built after %d ms%n", millisSince(testStart));
        JobClient job = env.executeAsync("bundle-fuzz-itcase");
        try {
            List<Sent> sent = send(cases);
            System.out.printf("BundleFuzzJobITCase: sent after %d ms%n", millisSince(start));
            int records = sent.stream().mapToInt(s -> s.sources().size()).sum();
            long badCases = sent.stream().filter(Sent::bad).count();
            System.out.printf(
                    "BundleFuzzJobITCase: %d records in %d cases, %d of them bad, %d good"
                            + " bundles%n",
                    records, sent.size(), badCases, goodPaths.size());
            assertThat(records).isGreaterThan(3000);
            assertThat(badCases).isGreaterThan(1000);

            Map<String, Sent> bySource = new HashMap<>();
            sent.forEach(s -> s.sources().forEach(src -> bySource.put(src, s)));
            List<String> missing =
                    await(
                            job,
                            () -> {
                                List<String> open = new ArrayList<>();
                                Set<String> dead = deadLetterSources(options);
                                for (Sent s : sent) {
                                    if (s.bad() && s.sources().stream().noneMatch(dead::contains)) {
                                        open.add("dead letter of " + describe(s));
                                    }
                                }
                                Set<Object> landed = filePaths(options);
                                for (String path : goodPaths) {
                                    if (!landed.contains(path)) {
                                        open.add("FILE node of " + path);
                                    }
                                }
                                return open;
                            });
            System.out.printf(
                    "BundleFuzzJobITCase: every case accounted for after %d ms%n",
                    millisSince(start));
            assertThat(missing).as("seed %d", SEED).isEmpty();

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            List<String> unexpected = new ArrayList<>();
            for (String source : deadLetterSources(options)) {
                Sent s = bySource.get(source);
                if (s == null || !s.bad()) {
                    unexpected.add(source + (s == null ? " (no record sent)" : describe(s)));
                }
            }
            assertThat(unexpected).as("dead letters of good records, seed %d", SEED).isEmpty();
        } finally {
            job.cancel().get();
            System.out.printf(
                    "BundleFuzzJobITCase: cancelled after %d ms%n", millisSince(testStart));
        }
    }

    /** Sends every case's records in order, and returns each record's source. */
    private static List<Sent> send(List<BundleFuzzer.Case> cases) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        List<List<Future<RecordMetadata>>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (BundleFuzzer.Case c : cases) {
                List<Future<RecordMetadata>> caseAcks = new ArrayList<>();
                for (ProducerRecord<byte[], byte[]> r : c.records()) {
                    caseAcks.add(producer.send(r));
                }
                acks.add(caseAcks);
            }
            producer.flush();
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            List<String> sources = new ArrayList<>();
            for (Future<RecordMetadata> ack : acks.get(i)) {
                RecordMetadata m = ack.get();
                sources.add("kafka:" + m.topic() + "/" + m.partition() + "@" + m.offset());
            }
            BundleFuzzer.Case c = cases.get(i);
            sent.add(new Sent(c, sources, !BundleFuzzer.rejections(c).isEmpty()));
        }
        return sent;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String describe(Sent s) {
        return s.fuzzed().path()
                + " ("
                + (s.fuzzed().mutation() == null ? "good" : s.fuzzed().mutation())
                + ", records "
                + s.sources()
                + ")";
    }

    private interface Probe {
        List<String> open() throws Exception;
    }

    /**
     * Polls until nothing is open; fails when the job fails, restarts or ends. Gives up after three
     * minutes (a guard against hanging on a shared machine, not a speed assertion) and returns what
     * is still open.
     */
    private static List<String> await(JobClient job, Probe probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long lastReport = System.nanoTime();
        while (true) {
            long probeStart = System.nanoTime();
            List<String> open = probe.open();
            long probeMs = millisSince(probeStart);
            if (open.isEmpty() || System.nanoTime() > deadline) {
                return open.subList(0, Math.min(open.size(), 20));
            }
            if (System.nanoTime() > lastReport + 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(
                        "BundleFuzzJobITCase: %d open (probe %d ms), e.g. %s%n",
                        open.size(), probeMs, open.get(0));
            }
            JobStatus status = job.getJobStatus().get();
            assertThat(status.isGloballyTerminalState() || status == JobStatus.RESTARTING)
                    .as(
                            "job %s (seed %d) while %d are open, e.g. %s",
                            status, SEED, open.size(), open.get(0))
                    .isFalse();
            Thread.sleep(500);
        }
    }

    private static Set<String> deadLetterSources(JobOptions options) {
        int source = Contracts.DEAD_LETTERS.indexOf("source");
        Set<String> out = new HashSet<>();
        for (Object[] row : read(options, Contracts.DEAD_LETTERS)) {
            out.add((String) row[source]);
        }
        return out;
    }

    /** Paths of the FILE nodes in {@code cpg_nodes}. */
    private static Set<Object> filePaths(JobOptions options) {
        int kind = Contracts.CPG_NODES.indexOf("kind");
        int path = Contracts.CPG_NODES.indexOf("path");
        Set<Object> out = new HashSet<>();
        for (Object[] row : read(options, Contracts.CPG_NODES)) {
            if ("FILE".equals(row[kind])) {
                out.add(row[path]);
            }
        }
        return out;
    }

    /** The table's current rows; empty before its first commit. */
    private static List<Object[]> read(JobOptions options, DatasetContract contract) {
        String table = SinksTranslator.tablePath(options.deltaRoot(), contract);
        if (!Files.exists(Path.of(table, "_delta_log", "00000000000000000000.json"))) {
            return List.of();
        }
        return KernelTableReader.readLatest(table, new org.apache.hadoop.conf.Configuration());
    }
}
