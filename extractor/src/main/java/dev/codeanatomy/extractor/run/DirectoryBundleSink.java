package dev.codeanatomy.extractor.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.bundle.proto.FileBundle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes bundles to a directory (the {@code --out} layout).
 *
 * <ul>
 *   <li>{@code <dir>/bundles/<hex>.<layer>.bundle}: the serialized {@code FileBundle} protobuf
 *       message of one layer ({@code cst}, {@code scip}) of a file, where {@code hex} is the 32 hex
 *       digits of its {@code file_id} ({@code FILE:<hex>}); decode with {@code
 *       FileBundle.parseFrom} or {@code BundleCodec.decode}. A later run replaces the layer's file.
 *   <li>{@code <dir>/manifest.jsonl}: one JSON object per bundle written by this run, in completion
 *       order: {@code {"path", "file_id", "layer", "deleted", "facts", "bytes", "bundle"}}.
 * </ul>
 */
public final class DirectoryBundleSink implements BundleSink {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path bundles;
    private final BufferedWriter manifest;

    /** Creates {@code dir} (and {@code dir/bundles}) if needed; truncates the manifest. */
    public DirectoryBundleSink(Path dir) throws IOException {
        this.bundles = Files.createDirectories(dir.resolve("bundles"));
        this.manifest =
                Files.newBufferedWriter(dir.resolve("manifest.jsonl"), StandardCharsets.UTF_8);
    }

    /** The bundle file name of a layer ({@code cst}, {@code scip}) of a {@code file_id}. */
    public static String fileName(String fileId, String layer) {
        int colon = fileId.indexOf(':');
        return fileId.substring(colon + 1) + "." + layer + ".bundle";
    }

    @Override
    public long accept(String path, FileBundle bundle, long factCount) throws IOException {
        byte[] bytes = bundle.toByteArray();
        String name = fileName(bundle.getFileId(), bundle.getLayer());
        Path tmp = bundles.resolve(name + ".tmp" + Thread.currentThread().getId());
        Files.write(tmp, bytes);
        Files.move(
                tmp,
                bundles.resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", path);
        line.put("file_id", bundle.getFileId());
        line.put("layer", bundle.getLayer());
        line.put("deleted", bundle.getDeleted());
        line.put("facts", factCount);
        line.put("bytes", bytes.length);
        line.put("bundle", "bundles/" + name);
        String json = MAPPER.writeValueAsString(line);
        synchronized (manifest) {
            manifest.write(json);
            manifest.newLine();
        }
        return bytes.length;
    }

    @Override
    public void flush() throws IOException {
        synchronized (manifest) {
            manifest.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (manifest) {
            manifest.close();
        }
    }
}
