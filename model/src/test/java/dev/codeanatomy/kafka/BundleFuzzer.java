package dev.codeanatomy.kafka;

import dev.codeanatomy.bundle.BundleAssembler;
import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleIdentity;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.bundle.proto.Column;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Mutated bundle records for fuzz tests, reproducible from a seed: the Kafka records of one file's
 * layer (a whole bundle, or chunks and a manifest) with one mutation — byte flips, truncations,
 * mangled varints, inserted garbage, empty values and tombstones; absurd {@code row_count}, NULL
 * rows, INT values, chunk counts, sizes and fact counts; dropped, duplicated, reordered chunks and
 * manifests; removed, permuted, garbled and duplicated headers.
 *
 * <p>Each case is a fresh file (its path names it) with its own run id, so cases never share state.
 * {@link #rejections} replays a case through the model's own reader ({@link
 * BundleKafkaCodec#fromConsumerRecord}, {@link BundleAssembler}): a mutation can leave a usable
 * bundle (a flipped byte inside a name), so the oracle says which cases are bad.
 */
public final class BundleFuzzer {

    /**
     * The records of one file's layer, in sending order.
     *
     * @param path the file's path (its file id is {@link SampleBundles#fileId})
     * @param mutation what was done, e.g. {@code flip 2 byte(s) of record 0}; null for a good case
     */
    public record Case(
            String path, String mutation, List<ProducerRecord<byte[], byte[]>> records) {}

    private static final String[] HEADERS = {
        BundleFormat.HEADER_FORMAT_VERSION,
        BundleFormat.HEADER_RECORD_TYPE,
        BundleFormat.HEADER_FILE_ID,
        BundleFormat.HEADER_RUN_ID,
        BundleFormat.HEADER_RUN_SEQ,
        BundleFormat.HEADER_LAYER,
        BundleFormat.HEADER_CHUNK_INDEX,
        BundleFormat.HEADER_CHUNK_COUNT
    };

    private static final String[] HEADER_VALUES = {
        "", "-1", "0", "1", "2", "2147483647", "2147483648", "-2147483649", "4294967297",
        "99999999999999999999", "x", "cst", "scip", "lsp", "bundle", "chunk", "manifest", " 1"
    };

    private static final int[] ROW_COUNTS = {0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 1 << 30};

    private static final long[] LONGS = {
        Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 1L << 31, -1, Integer.MAX_VALUE
    };

    private final Random random;
    private final String topic;
    private final int partitions;

    /** Cases for {@code topic} with {@code partitions} partitions, drawn from {@code seed}. */
    public BundleFuzzer(long seed, String topic, int partitions) {
        this.random = new Random(seed);
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The good {@code cst} bundle of {@code path}: one record, or chunks and a manifest. */
    public Case good(String path, boolean chunked) {
        FileBundle b = SampleBundles.python(path, "good", 1, chunked ? 40 : 2);
        return new Case(path, null, records(b, chunked));
    }

    /** A fresh file's bundle ({@code cst} or {@code scip}, whole or chunked), mutated once. */
    public Case mutated(String path) {
        String run = "run-" + path;
        FileBundle b =
                random.nextInt(4) == 0
                        ? SampleBundles.scip(path, run, 1)
                        : SampleBundles.python(path, run, 1, random.nextInt(40));
        boolean chunked = random.nextInt(3) == 0;
        int kind = random.nextInt(chunked ? 5 : 3);
        return switch (kind) {
            case 0 -> mutateBundle(path, b, chunked);
            case 1 -> mutateBytes(path, records(b, chunked));
            case 2 -> mutateHeaders(path, records(b, chunked));
            case 3 -> mutateManifest(path, records(b, true));
            default -> mutateChunkSet(path, records(b, true));
        };
    }

    /**
     * Why the model's reader and identity check ({@link BundleIdentity}) reject the case, one
     * reason per rejected record, plus one for chunks left without a manifest; empty when the case
     * is usable. An exception the reader throws is a reason starting with {@code unexpected }.
     */
    public static List<String> rejections(Case c) {
        List<String> reasons = new ArrayList<>();
        BundleAssembler assembler = new BundleAssembler();
        long offset = 0;
        for (ProducerRecord<byte[], byte[]> pr : c.records()) {
            try {
                BundleRecord r = BundleKafkaCodec.fromConsumerRecord(consumed(pr, offset++));
                BundleAssembler.Result result = assembler.accept(r);
                if (result instanceof BundleAssembler.Result.Rejected rejected) {
                    reasons.add(rejected.error().reason());
                } else if (result instanceof BundleAssembler.Result.Assembled assembled) {
                    // the job also refuses a bundle that speaks for another file
                    BundleIdentity.check(assembled.bundle());
                }
            } catch (BundleRejectedException e) {
                reasons.add(e.reason());
            } catch (RuntimeException e) { // a reader bug: BundleFuzzTest fails on these
                reasons.add("unexpected " + e);
            }
        }
        if (assembler.pendingFiles() > 0) {
            reasons.add("chunks without a manifest");
        }
        return reasons;
    }

    /** The consumer record Kafka would deliver for {@code pr} at {@code offset}. */
    public static ConsumerRecord<byte[], byte[]> consumed(
            ProducerRecord<byte[], byte[]> pr, long offset) {
        ConsumerRecord<byte[], byte[]> cr =
                new ConsumerRecord<>(pr.topic(), pr.partition(), offset, pr.key(), pr.value());
        for (Header h : pr.headers()) {
            cr.headers().add(h);
        }
        return cr;
    }

    private List<ProducerRecord<byte[], byte[]>> records(FileBundle b, boolean chunked) {
        int max = chunked ? Math.max(64, b.getSerializedSize() / 4 + 1) : 1 << 20;
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (BundleRecord r : BundleChunker.toRecords(b, max)) {
            out.add(BundleKafkaCodec.toProducerRecord(topic, partitions, r));
        }
        return out;
    }

    // ---- the bundle's protobuf: absurd counts, NULL rows, values, shapes ----

    private Case mutateBundle(String path, FileBundle b, boolean chunked) {
        FileBundle.Builder fb = b.toBuilder();
        int d = random.nextInt(b.getDatasetsCount());
        DatasetBatch.Builder batch = fb.getDatasets(d).toBuilder();
        int c = random.nextInt(batch.getColumnsCount());
        Column.Builder col = batch.getColumns(c).toBuilder();
        String what;
        boolean columnKept = true;
        switch (random.nextInt(10)) {
            case 0 -> {
                int n = pick(ROW_COUNTS);
                batch.setRowCount(n == batch.getRowCount() ? n + 1 : n);
                what = "row_count " + Integer.toUnsignedString(batch.getRowCount());
            }
            case 1 -> {
                int row = random.nextBoolean() ? -1 : batch.getRowCount() + random.nextInt(3);
                if (col.getNullRowsCount() > 0) {
                    col.setNullRows(random.nextInt(col.getNullRowsCount()), row);
                } else {
                    col.addNullRows(row);
                }
                what = "NULL rows " + col.getNullRowsList() + " of " + col.getName();
            }
            case 2 -> {
                if (col.getIntValuesCount() == 0) {
                    col.addIntValues(pick(LONGS));
                } else {
                    col.setIntValues(random.nextInt(col.getIntValuesCount()), pick(LONGS));
                }
                what = "int value of " + col.getName();
            }
            case 3 -> {
                batch.removeColumns(c);
                columnKept = false;
                what = "no column " + col.getName();
            }
            case 4 -> {
                batch.addColumns(col.build());
                what = "column " + col.getName() + " twice";
            }
            case 5 -> {
                fb.addDatasets(batch.build());
                what = "dataset " + batch.getDataset() + " twice";
            }
            case 6 -> {
                batch.setVersion(random.nextBoolean() ? 0 : -1);
                what = "dataset version " + Integer.toUnsignedString(batch.getVersion());
            }
            case 7 -> {
                fb.setFormatVersion(random.nextInt(4));
                what = "format_version " + fb.getFormatVersion();
            }
            case 8 -> {
                fb.setDeleted(true);
                what = "deleted with datasets";
            }
            default -> {
                batch.setDataset(pick(new String[] {"", "files", "scip_documents", "x"}));
                what = "dataset name '" + batch.getDataset() + "'";
            }
        }
        if (columnKept) {
            batch.setColumns(c, col);
        }
        fb.setDatasets(d, batch);
        return new Case(path, "bundle: " + what, records(fb.build(), chunked));
    }

    // ---- one record's value bytes ----

    private Case mutateBytes(String path, List<ProducerRecord<byte[], byte[]>> records) {
        int i = random.nextInt(records.size());
        ProducerRecord<byte[], byte[]> r = records.get(i);
        byte[] v = r.value().clone();
        String what;
        switch (random.nextInt(6)) {
            case 0 -> {
                int flips = 1 + random.nextInt(3);
                for (int k = 0; k < flips; k++) {
                    v[random.nextInt(v.length)] ^= (byte) (1 + random.nextInt(255));
                }
                what = "flip " + flips + " byte(s)";
            }
            case 1 -> {
                v = Arrays.copyOf(v, random.nextInt(v.length));
                what = "truncate to " + v.length + " bytes";
            }
            case 2 -> {
                int at = random.nextInt(v.length);
                int n = 1 + random.nextInt(10);
                for (int k = at; k < Math.min(v.length, at + n); k++) {
                    v[k] = (byte) 0xFF;
                }
                what = "varint: " + n + " 0xFF bytes at " + at;
            }
            case 3 -> {
                int at = random.nextInt(v.length + 1);
                byte[] junk = new byte[1 + random.nextInt(8)];
                random.nextBytes(junk);
                byte[] out = new byte[v.length + junk.length];
                System.arraycopy(v, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(v, at, out, at + junk.length, v.length - at);
                v = out;
                what = "insert " + junk.length + " bytes at " + at;
            }
            case 4 -> {
                v = new byte[0];
                what = "empty value";
            }
            default -> {
                v = null;
                what = "tombstone";
            }
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records);
        out.set(i, with(r, r.key(), v, r.headers().toArray()));
        return new Case(path, "bytes of record " + i + ": " + what, out);
    }

    // ---- headers and key ----

    private Case mutateHeaders(String path, List<ProducerRecord<byte[], byte[]>> records) {
        int i = random.nextInt(records.size());
        ProducerRecord<byte[], byte[]> r = records.get(i);
        List<Header> headers = new ArrayList<>(Arrays.asList(r.headers().toArray()));
        byte[] key = r.key();
        String what;
        switch (random.nextInt(5)) {
            case 0 -> {
                Header h = headers.remove(random.nextInt(headers.size()));
                what = "no header " + h.key();
            }
            case 1 -> {
                List<byte[]> values = new ArrayList<>();
                headers.forEach(h -> values.add(h.value()));
                Collections.shuffle(values, random);
                List<Header> permuted = new ArrayList<>();
                for (int k = 0; k < headers.size(); k++) {
                    permuted.add(new RecordHeader(headers.get(k).key(), values.get(k)));
                }
                headers = permuted;
                what = "permuted header values";
            }
            case 2 -> {
                String name = pick(HEADERS);
                byte[] value = garbage();
                headers.removeIf(h -> h.key().equals(name));
                headers.add(new RecordHeader(name, value));
                what = "header " + name + " = " + printable(value);
            }
            case 3 -> {
                String name = pick(HEADERS);
                byte[] value = garbage();
                headers.add(new RecordHeader(name, value)); // the last one wins
                what = "second header " + name + " = " + printable(value);
            }
            default -> {
                // never null: a compacted topic refuses records without a key
                key = garbage();
                headers.removeIf(h -> h.key().equals(BundleFormat.HEADER_FILE_ID));
                what = "key " + printable(key) + " without ca-file-id";
            }
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records);
        out.set(i, with(r, key, r.value(), headers.toArray(new Header[0])));
        return new Case(path, "headers of record " + i + ": " + what, out);
    }

    // ---- the manifest of a chunk set ----

    private Case mutateManifest(String path, List<ProducerRecord<byte[], byte[]>> records) {
        int last = records.size() - 1;
        ProducerRecord<byte[], byte[]> r = records.get(last);
        BundleManifest m;
        try {
            m = BundleManifest.parseFrom(r.value());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("the chunker wrote a bad manifest", e);
        }
        BundleManifest.Builder b = m.toBuilder();
        String what;
        switch (random.nextInt(5)) {
            case 0 -> {
                int n = pick(new int[] {0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1});
                b.setChunkCount(n);
                what = "chunk_count " + Integer.toUnsignedString(n);
            }
            case 1 -> {
                b.setChunkCount(m.getChunkCount() + (random.nextBoolean() ? 1 : -1));
                what = "chunk_count " + b.getChunkCount();
            }
            case 2 -> {
                b.setTotalBytes(random.nextBoolean() ? pick(LONGS) : m.getTotalBytes() + 1);
                what = "total_bytes " + Long.toUnsignedString(b.getTotalBytes());
            }
            case 3 -> {
                b.setFactCount(pick(LONGS));
                what = "fact_count " + Long.toUnsignedString(b.getFactCount());
            }
            default -> {
                b.setContentSha256("00" + m.getContentSha256().substring(2));
                what = "content_sha256";
            }
        }
        List<Header> headers = new ArrayList<>(Arrays.asList(r.headers().toArray()));
        if (random.nextBoolean()) { // the header agrees with the manifest's count
            headers.removeIf(h -> h.key().equals(BundleFormat.HEADER_CHUNK_COUNT));
            headers.add(
                    new RecordHeader(
                            BundleFormat.HEADER_CHUNK_COUNT,
                            Integer.toString(b.getChunkCount()).getBytes(StandardCharsets.UTF_8)));
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records);
        out.set(last, with(r, r.key(), b.build().toByteArray(), headers.toArray(new Header[0])));
        return new Case(path, "manifest: " + what, out);
    }

    // ---- the chunk set's records ----

    private Case mutateChunkSet(String path, List<ProducerRecord<byte[], byte[]>> records) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records);
        int chunks = out.size() - 1;
        ProducerRecord<byte[], byte[]> manifest = out.get(chunks);
        String what;
        switch (random.nextInt(6)) {
            case 0 -> {
                int i = random.nextInt(chunks);
                out.remove(i);
                what = "no chunk " + i;
            }
            case 1 -> {
                int i = random.nextInt(chunks);
                out.add(random.nextInt(chunks), out.get(i));
                what = "chunk " + i + " twice";
            }
            case 2 -> {
                Collections.shuffle(out.subList(0, chunks), random);
                what = "chunks shuffled";
            }
            case 3 -> {
                out.remove(chunks);
                what = "no manifest";
            }
            case 4 -> {
                out.add(manifest);
                what = "manifest twice";
            }
            default -> {
                out.remove(chunks);
                out.add(0, manifest);
                what = "manifest first";
            }
        }
        return new Case(path, "chunk set: " + what, out);
    }

    private ProducerRecord<byte[], byte[]> with(
            ProducerRecord<byte[], byte[]> r, byte[] key, byte[] value, Header[] headers) {
        return new ProducerRecord<>(
                r.topic(), r.partition(), key, value, new RecordHeaders(headers.clone()));
    }

    private byte[] garbage() {
        if (random.nextInt(4) == 0) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            return b;
        }
        return pick(HEADER_VALUES).getBytes(StandardCharsets.UTF_8);
    }

    private static String printable(byte[] b) {
        return "'" + new String(b, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }
}
