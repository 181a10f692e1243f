package dev.codeanatomy.cli.local;

import dev.codeanatomy.job.snapshot.BundleApplied;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A sink on the composer's {@code applied} stream that counts the bundles the snapshot diff applied
 * and their fact rows, for the progress line of local mode. The counts live in this JVM: local
 * mode's MiniCluster runs its tasks in the CLI's process, so the sink's writers and the CLI share
 * them (on a real cluster the writers would count into their own process).
 */
final class AppliedCounter implements Sink<BundleApplied> {

    private static final long serialVersionUID = 1L;

    /** Stable uid of the (stateless) counting sink. */
    static final String UID = "cli-local-applied-counter-v1";

    private static final Map<String, Counts> LIVE = new ConcurrentHashMap<>();

    /** What the job has applied so far; updated by the sink's writers while the job runs. */
    static final class Counts {
        private final String key = UUID.randomUUID().toString();
        private final LongAdder bundles = new LongAdder();
        private final LongAdder facts = new LongAdder();

        /** Bundles the snapshot diff handled (applied, or ignored as older than the live run). */
        long bundles() {
            return bundles.sum();
        }

        /** Fact rows inserted, updated or deleted by those bundles. */
        long facts() {
            return facts.sum();
        }

        void add(BundleApplied a) {
            bundles.increment();
            facts.add(a.inserts + a.updates + a.deletes);
        }
    }

    private final String key;

    private AppliedCounter(String key) {
        this.key = key;
    }

    /** Counts the records of {@code applied} into the returned counts. */
    static Counts attach(DataStream<BundleApplied> applied) {
        Counts counts = new Counts();
        LIVE.put(counts.key, counts);
        applied.sinkTo(new AppliedCounter(counts.key)).name("local progress counter").uid(UID);
        return counts;
    }

    /** Stops sharing {@code counts} with writers (the job has ended); they keep their values. */
    static void release(Counts counts) {
        LIVE.remove(counts.key);
    }

    @Override
    public SinkWriter<BundleApplied> createWriter(WriterInitContext context) {
        Counts counts = LIVE.get(key);
        return new SinkWriter<>() {
            @Override
            public void write(BundleApplied element, Context ctx) {
                if (counts != null) {
                    counts.add(element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
