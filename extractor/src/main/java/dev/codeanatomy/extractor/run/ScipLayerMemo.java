package dev.codeanatomy.extractor.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.bundle.Sha256;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the SCIP step last published for each file's {@code scip} layer, as a digest of the layer's
 * facts without the run's identity, so a later SCIP step can skip documents whose facts did not
 * change instead of re-publishing every document of the index. Without a memo every document is
 * published; the job applies an identical layer as an update of its {@code scip_documents.run_id}
 * only, which re-derives that file's SCIP evidence (same outputs, work proportional to the file).
 *
 * <p>The memo stands for the topic it was published to: keep one per topic and drop it when the
 * topic is recreated (the skipped layers would be missing). Deletions of the scip layer (a removed
 * file, a file the index has no document for) are remembered as {@link #DELETED}. Thread-safe.
 * Stored as a JSON object {@code {file_id: digest}} by {@link #save}.
 */
public final class ScipLayerMemo {

    /** The digest of a deleted (retracted) scip layer. */
    public static final String DELETED = "deleted";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> digests = new ConcurrentHashMap<>();

    /** An empty memo: the next SCIP step publishes every layer. */
    public ScipLayerMemo() {}

    /**
     * The memo saved at {@code file}, or an empty one when the file does not exist.
     *
     * @throws IOException when the file exists but is not a memo
     */
    public static ScipLayerMemo load(Path file) throws IOException {
        ScipLayerMemo memo = new ScipLayerMemo();
        if (Files.isRegularFile(file)) {
            memo.digests.putAll(
                    MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
        }
        return memo;
    }

    /** Writes the memo to {@code file} (replacing it atomically). */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), new TreeMap<>(digests));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether the last scip layer published for {@code fileId} had {@code digest}. */
    public boolean isPublished(String fileId, String digest) {
        return digest.equals(digests.get(fileId));
    }

    /** Records that the scip layer with {@code digest} was published for {@code fileId}. */
    public void published(String fileId, String digest) {
        digests.put(fileId, digest);
    }

    /** Number of files remembered. */
    public int size() {
        return digests.size();
    }

    /**
     * The digest of a live scip bundle: SHA-256 (lowercase hex) over every dataset batch but the
     * {@code scip_documents} row, whose {@code run_id} changes with every run, plus that row's
     * {@code content_sha256} and {@code indexer}. Two runs that indexed the same text with the same
     * indexer into the same facts have the same digest.
     *
     * @param contentSha256 the {@code scip_documents.content_sha256} of the bundle
     * @param indexer the {@code scip_documents.indexer} of the bundle
     */
    public static String digest(FileBundle bundle, String contentSha256, String indexer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((contentSha256 + "\n" + indexer + "\n").getBytes(StandardCharsets.UTF_8));
        for (DatasetBatch b : bundle.getDatasetsList()) {
            if (!b.getDataset().equals(Contracts.SCIP_DOCUMENTS.name())) {
                out.writeBytes(b.toByteArray());
            }
        }
        return Sha256.hex(out.toByteArray());
    }
}
