package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link FileBundle} into transport records: one {@code bundle} record when its bytes fit
 * in {@code maxRecordBytes}, otherwise numbered {@code chunk} records closed by a {@code manifest}
 * (chunk count, fact count, SHA-256 of the whole bundle).
 */
public final class BundleChunker {

    private BundleChunker() {}

    /**
     * The records of one bundle, in the order they must be sent (chunks, then the manifest).
     *
     * @param maxRecordBytes largest value of one record, in bytes (at least 1)
     * @throws IllegalArgumentException when the bundle's layer is not a known {@link Layer}
     */
    public static List<BundleRecord> toRecords(FileBundle bundle, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be positive: " + maxRecordBytes);
        }
        byte[] bytes = bundle.toByteArray();
        String fileId = bundle.getFileId();
        Layer layer =
                Layer.fromWireName(bundle.getLayer())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "bundle of "
                                                        + fileId
                                                        + " has layer '"
                                                        + bundle.getLayer()
                                                        + "', not one of "
                                                        + Layer.wireNames()));
        if (bytes.length <= maxRecordBytes) {
            return List.of(
                    new BundleRecord(
                            fileId,
                            layer,
                            RecordType.BUNDLE,
                            bundle.getFormatVersion(),
                            bundle.getRunId(),
                            bundle.getRunSeq(),
                            -1,
                            0,
                            bytes,
                            "writer"));
        }
        int n = (bytes.length + maxRecordBytes - 1) / maxRecordBytes;
        List<BundleRecord> out = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            int from = i * maxRecordBytes;
            byte[] slice =
                    Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + maxRecordBytes));
            out.add(
                    new BundleRecord(
                            fileId,
                            layer,
                            RecordType.CHUNK,
                            bundle.getFormatVersion(),
                            bundle.getRunId(),
                            bundle.getRunSeq(),
                            i,
                            n,
                            slice,
                            "writer"));
        }
        BundleManifest manifest =
                BundleManifest.newBuilder()
                        .setFileId(fileId)
                        .setLayer(layer.wireName())
                        .setRunId(bundle.getRunId())
                        .setRunSeq(bundle.getRunSeq())
                        .setChunkCount(n)
                        .setFactCount(factCount(bundle))
                        .setContentSha256(Sha256.hex(bytes))
                        .setTotalBytes(bytes.length)
                        .build();
        out.add(
                new BundleRecord(
                        fileId,
                        layer,
                        RecordType.MANIFEST,
                        bundle.getFormatVersion(),
                        bundle.getRunId(),
                        bundle.getRunSeq(),
                        -1,
                        n,
                        manifest.toByteArray(),
                        "writer"));
        return out;
    }

    /** Number of fact rows of a bundle, over all datasets. */
    public static long factCount(FileBundle bundle) {
        long n = 0;
        for (DatasetBatch b : bundle.getDatasetsList()) {
            n += b.getRowCount();
        }
        return n;
    }
}
