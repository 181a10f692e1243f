package dev.codeanatomy.extractor.source;

import java.io.IOException;

/** A source file to extract: its repository-relative path and a way to read its bytes. */
public interface SourceFile {

    /** Path relative to the repository root, '/' separated. */
    String path();

    /** The file's bytes as stored (read lazily, on a worker thread). */
    byte[] read() throws IOException;

    /** Size in bytes if known without reading, else -1. */
    default long knownSize() {
        return -1;
    }
}
