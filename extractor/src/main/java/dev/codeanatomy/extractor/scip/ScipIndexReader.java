package dev.codeanatomy.extractor.scip;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.Metadata;
import dev.codeanatomy.extractor.scip.proto.SymbolInformation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a SCIP {@code Index} (index.scip) one field value at a time, as scip.proto recommends, so
 * a large index is never held in memory whole: {@code metadata} (1), {@code documents} (2) and
 * {@code external_symbols} (3) in any order.
 */
public final class ScipIndexReader {

    private static final int METADATA = 1;
    private static final int DOCUMENTS = 2;
    private static final int EXTERNAL_SYMBOLS = 3;

    private final Path index;

    /** A reader of the index file at {@code index}. */
    public ScipIndexReader(Path index) {
        this.index = index;
    }

    /** Receives documents. */
    @FunctionalInterface
    public interface DocumentConsumer {
        /** Called once per document, in index order. */
        void accept(Document document) throws IOException, InterruptedException;
    }

    /** The index's metadata, or the default instance when it has none. */
    public Metadata metadata() throws IOException {
        Metadata[] found = {Metadata.getDefaultInstance()};
        scan(
                (tag, field, in) -> {
                    if (field == METADATA) {
                        found[0] = Metadata.parseFrom(in.readBytes());
                        return false;
                    }
                    in.skipField(tag);
                    return true;
                });
        return found[0];
    }

    /**
     * The index's {@code external_symbols} by symbol string: read in a first pass that skips the
     * documents, so each document can be given the external symbols it uses.
     */
    public Map<String, SymbolInformation> externalSymbols() throws IOException {
        Map<String, SymbolInformation> out = new HashMap<>();
        scan(
                (tag, field, in) -> {
                    if (field == EXTERNAL_SYMBOLS) {
                        SymbolInformation s = SymbolInformation.parseFrom(in.readBytes());
                        out.put(s.getSymbol(), s);
                    } else {
                        in.skipField(tag);
                    }
                    return true;
                });
        return out;
    }

    /** Calls {@code consumer} for each document, parsing one document at a time. */
    public void forEachDocument(DocumentConsumer consumer)
            throws IOException, InterruptedException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(index), 1 << 16)) {
            CodedInputStream in = CodedInputStream.newInstance(raw);
            in.setSizeLimit(Integer.MAX_VALUE);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return;
                }
                if (WireFormat.getTagFieldNumber(tag) == DOCUMENTS
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    consumer.accept(Document.parseFrom(in.readBytes()));
                } else {
                    in.skipField(tag);
                }
                in.resetSizeCounter();
            }
        }
    }

    private interface FieldVisitor {
        /** Reads or skips the length-delimited field; false stops the scan. */
        boolean visit(int tag, int field, CodedInputStream in) throws IOException;
    }

    private void scan(FieldVisitor visitor) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(index), 1 << 16)) {
            CodedInputStream in = CodedInputStream.newInstance(raw);
            in.setSizeLimit(Integer.MAX_VALUE);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return;
                }
                if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    throw new IOException(
                            index
                                    + ": not a SCIP index (field "
                                    + WireFormat.getTagFieldNumber(tag)
                                    + " of Index has wire type "
                                    + WireFormat.getTagWireType(tag)
                                    + ", expected a message)");
                }
                if (!visitor.visit(tag, WireFormat.getTagFieldNumber(tag), in)) {
                    return;
                }
                in.resetSizeCounter();
            }
        }
    }
}
