package dev.codeanatomy.kafka;

import static dev.codeanatomy.bundle.BundleFormat.HEADER_CHUNK_COUNT;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_CHUNK_INDEX;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_FILE_ID;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_FORMAT_VERSION;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_LAYER;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_RECORD_TYPE;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_RUN_ID;
import static dev.codeanatomy.bundle.BundleFormat.HEADER_RUN_SEQ;

import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.contracts.Layer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * Maps {@link BundleRecord}s to and from Kafka records: key ({@code file_id/layer}, chunks {@code
 * file_id/layer#index}: {@link BundleFormat#recordKey}), {@code ca-*} headers and value. Every
 * record of a file, of every layer, goes to the partition Kafka's default partitioner would pick
 * for the key {@code file_id} (murmur2), so chunks and their manifest stay in order.
 */
public final class BundleKafkaCodec {

    private BundleKafkaCodec() {}

    /** The partition of a file among {@code partitions}: Kafka's murmur2 of the UTF-8 file id. */
    public static int partitionOf(String fileId, int partitions) {
        return Utils.toPositive(Utils.murmur2(utf8(fileId))) % partitions;
    }

    /** The producer record of a bundle record. */
    public static ProducerRecord<byte[], byte[]> toProducerRecord(
            String topic, int partitions, BundleRecord r) {
        Headers h = new RecordHeaders();
        h.add(HEADER_FORMAT_VERSION, utf8(Integer.toString(r.formatVersion())));
        h.add(HEADER_RECORD_TYPE, utf8(r.type().headerValue()));
        h.add(HEADER_FILE_ID, utf8(r.fileId()));
        h.add(HEADER_RUN_ID, utf8(r.runId()));
        h.add(HEADER_RUN_SEQ, utf8(Long.toString(r.runSeq())));
        h.add(HEADER_LAYER, utf8(r.layer().wireName()));
        if (r.type() == RecordType.CHUNK) {
            h.add(HEADER_CHUNK_INDEX, utf8(Integer.toString(r.chunkIndex())));
        }
        if (r.type() != RecordType.BUNDLE) {
            h.add(HEADER_CHUNK_COUNT, utf8(Integer.toString(r.chunkCount())));
        }
        return new ProducerRecord<>(
                topic, partitionOf(r.fileId(), partitions), utf8(r.key()), r.value(), h);
    }

    /**
     * The bundle record of a consumer record.
     *
     * @throws BundleRejectedException naming the file (from the header, else the key) when a header
     *     is missing or unreadable (not a number where one is expected, an index, count or version
     *     outside the int range, a layer this build does not know), the value is empty, the record
     *     key is not the one the headers make ({@link BundleRecord#key()}: {@code file_id/layer},
     *     chunks {@code file_id/layer#index}), or reading failed otherwise (then the reason names
     *     the exception)
     */
    public static BundleRecord fromConsumerRecord(ConsumerRecord<byte[], byte[]> cr)
            throws BundleRejectedException {
        try {
            return read(cr);
        } catch (RuntimeException e) {
            String key = cr.key() == null ? null : new String(cr.key(), StandardCharsets.UTF_8);
            throw BundleRejectedException.unexpected(
                    key == null ? "<unknown>" : BundleFormat.fileIdOfKey(key),
                    "reading the record's headers",
                    e);
        }
    }

    private static BundleRecord read(ConsumerRecord<byte[], byte[]> cr)
            throws BundleRejectedException {
        String source = "kafka:" + cr.topic() + "/" + cr.partition() + "@" + cr.offset();
        String key = cr.key() == null ? null : new String(cr.key(), StandardCharsets.UTF_8);
        String fileId = header(cr.headers(), HEADER_FILE_ID);
        if (fileId == null) {
            fileId = key == null ? "<unknown>" : BundleFormat.fileIdOfKey(key);
        }
        if (cr.value() == null) {
            throw new BundleRejectedException(fileId, "tombstone or empty record at " + source);
        }
        RecordType type;
        try {
            type =
                    RecordType.valueOf(
                            required(cr, fileId, HEADER_RECORD_TYPE).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BundleRejectedException(
                    fileId,
                    "unknown record type '"
                            + header(cr.headers(), HEADER_RECORD_TYPE)
                            + "' at "
                            + source);
        }
        int version = intNumber(cr, fileId, HEADER_FORMAT_VERSION);
        if (version != BundleFormat.VERSION && header(cr.headers(), HEADER_LAYER) == null) {
            // e.g. a version 1 record, which had no layer: say what is wrong with it
            throw new BundleRejectedException(
                    fileId,
                    "unknown bundle format version "
                            + version
                            + " in the record header (this build reads version "
                            + BundleFormat.VERSION
                            + ")");
        }
        String layerName = required(cr, fileId, HEADER_LAYER);
        String fileIdFinal = fileId;
        Layer layer =
                Layer.fromWireName(layerName)
                        .orElseThrow(
                                () ->
                                        new BundleRejectedException(
                                                fileIdFinal,
                                                "unknown layer '"
                                                        + layerName
                                                        + "' in the record header at "
                                                        + source
                                                        + " (this build reads layers "
                                                        + Layer.wireNames()
                                                        + ")"));
        String runId = required(cr, fileId, HEADER_RUN_ID);
        long runSeq = number(cr, fileId, HEADER_RUN_SEQ);
        int index = type == RecordType.CHUNK ? intNumber(cr, fileId, HEADER_CHUNK_INDEX) : -1;
        int count = type == RecordType.BUNDLE ? 0 : intNumber(cr, fileId, HEADER_CHUNK_COUNT);
        BundleRecord r =
                new BundleRecord(
                        fileId,
                        layer,
                        type,
                        version,
                        runId,
                        runSeq,
                        index,
                        count,
                        cr.value(),
                        source);
        if (!r.key().equals(key)) {
            // compaction keeps the newest record per key: a record keyed for another file or
            // layer than its headers say would compact that file's bundle away
            String headers =
                    "its headers ("
                            + HEADER_FILE_ID
                            + ", "
                            + HEADER_LAYER
                            + (type == RecordType.CHUNK ? ", " + HEADER_CHUNK_INDEX : "")
                            + ")";
            throw new BundleRejectedException(
                    fileId,
                    (key == null
                                    ? "record has no key; " + headers + " make the key '"
                                    : "record key '"
                                            + key
                                            + "' does not match "
                                            + headers
                                            + ", which make the key '")
                            + r.key()
                            + "', at "
                            + source
                            + "; publish with the key the headers make");
        }
        return r;
    }

    private static String required(ConsumerRecord<byte[], byte[]> cr, String fileId, String name)
            throws BundleRejectedException {
        String v = header(cr.headers(), name);
        if (v == null) {
            throw new BundleRejectedException(
                    fileId,
                    "missing header "
                            + name
                            + " at kafka:"
                            + cr.topic()
                            + "/"
                            + cr.partition()
                            + "@"
                            + cr.offset());
        }
        return v;
    }

    private static long number(ConsumerRecord<byte[], byte[]> cr, String fileId, String name)
            throws BundleRejectedException {
        String v = required(cr, fileId, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BundleRejectedException(
                    fileId, "header " + name + " is not a number: '" + v + "'");
        }
    }

    private static int intNumber(ConsumerRecord<byte[], byte[]> cr, String fileId, String name)
            throws BundleRejectedException {
        long v = number(cr, fileId, name);
        if (v != (int) v) {
            throw new BundleRejectedException(
                    fileId,
                    "header "
                            + name
                            + " is "
                            + v
                            + ", outside "
                            + Integer.MIN_VALUE
                            + ".."
                            + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null
                ? null
                : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
