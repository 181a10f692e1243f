package dev.codeanatomy.extractor.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One long-lived {@code git cat-file --batch} (contents) or {@code --batch-check} (type and size)
 * process, asked for objects by id only: an object id holds no newline, so a request is always one
 * line and every answer starts with the id that was asked for (checked). Thread-safe; one request
 * at a time.
 */
final class CatFile implements AutoCloseable {

    /**
     * The answer header of an object: its type ({@code blob}, {@code tree}, …) and size in bytes.
     */
    record Header(String type, long size) {}

    private final Path repo;
    private final boolean contents;
    private Process process;

    /**
     * A process started on first use: {@code --batch} when {@code contents}, else --batch-check.
     */
    CatFile(Path repo, boolean contents) {
        this.repo = repo;
        this.contents = contents;
    }

    /**
     * The type and size of object {@code oid} ({@code --batch-check} only).
     *
     * @throws IOException when the object is missing or git's answer does not match the request
     */
    synchronized Header header(String oid) throws IOException {
        if (contents) {
            throw new IllegalStateException("header() needs a --batch-check process");
        }
        return request(oid);
    }

    /**
     * The bytes of blob {@code oid} ({@code --batch} only).
     *
     * @throws IOException when the object is missing, is not a blob, is larger than 2 GiB, or git's
     *     answer does not match the request
     */
    synchronized byte[] blob(String oid) throws IOException {
        if (!contents) {
            throw new IllegalStateException("blob() needs a --batch process");
        }
        Header h = request(oid);
        InputStream out = process.getInputStream();
        if (!h.type().equals("blob") || h.size() > Integer.MAX_VALUE - 8) {
            out.skipNBytes(h.size() + 1);
            throw new IOException(
                    "git object "
                            + oid
                            + " is a "
                            + h.type()
                            + " of "
                            + h.size()
                            + " bytes, not a blob of at most 2 GiB");
        }
        byte[] bytes = out.readNBytes((int) h.size());
        if (bytes.length != h.size() || out.read() != '\n') {
            throw new IOException("git cat-file --batch ended inside blob " + oid + " in " + repo);
        }
        return bytes;
    }

    private Header request(String oid) throws IOException {
        if (!oid.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a full git object id: " + oid);
        }
        if (process == null) {
            process =
                    new ProcessBuilder(
                                    "git",
                                    "-C",
                                    repo.toString(),
                                    "cat-file",
                                    contents ? "--batch" : "--batch-check")
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
        }
        OutputStream in = process.getOutputStream();
        in.write((oid + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        String header = readLine(process.getInputStream());
        String[] h = header.split(" ");
        if (h.length != 3 || !h[0].equals(oid)) {
            throw new IOException(
                    "git cat-file in " + repo + ": asked for " + oid + ", got: " + header.trim());
        }
        return new Header(h[1], Long.parseLong(h[2]));
    }

    private String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("git cat-file in " + repo + " ended unexpectedly");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
