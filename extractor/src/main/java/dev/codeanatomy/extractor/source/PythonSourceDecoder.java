package dev.codeanatomy.extractor.source;

import dev.codeanatomy.udf.positions.LineIndex;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a Python source file into the UTF-8 text the extractor parses, following PEP
 * 263 (source code encodings): a {@code coding[:=]name} comment on line 1 or 2 names the encoding;
 * without one the file is UTF-8.
 *
 * <p>Spans of facts are UTF-8 byte offsets of the returned text. For UTF-8 files (nearly all) this
 * is the file as it is on disk; a file in another declared encoding is re-encoded to UTF-8 first.
 */
public final class PythonSourceDecoder {

    private static final Pattern CODING =
            Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)", Pattern.MULTILINE);

    private PythonSourceDecoder() {}

    /** The UTF-8 text of a file, or why it cannot be read. Exactly one of the two is non-null. */
    public record Decoded(byte[] utf8, String skipReason) {}

    /**
     * Decodes {@code bytes} per PEP 263.
     *
     * @return the UTF-8 text, or a skip reason naming the problem (invalid UTF-8 without a coding
     *     comment, an unknown declared encoding, or bytes invalid in the declared encoding)
     */
    public static Decoded decode(byte[] bytes) {
        String declared = declaredEncoding(bytes);
        boolean utf8Declared =
                declared == null
                        || declared.equalsIgnoreCase("utf-8")
                        || declared.equalsIgnoreCase("utf8")
                        || declared.toLowerCase(java.util.Locale.ROOT).startsWith("utf-8-");
        if (utf8Declared) {
            if (isValidUtf8(bytes)) {
                return new Decoded(bytes, null);
            }
            return new Decoded(
                    null,
                    "not valid UTF-8 and no PEP 263 coding comment names another encoding"
                            + " (first bad byte at offset "
                            + firstInvalidUtf8(bytes)
                            + ")");
        }
        Charset cs;
        try {
            cs = Charset.forName(javaCharsetName(declared));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return new Decoded(
                    null, "PEP 263 coding comment names '" + declared + "', an unknown encoding");
        }
        try {
            CharBuffer chars =
                    cs.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
            return new Decoded(chars.toString().getBytes(StandardCharsets.UTF_8), null);
        } catch (CharacterCodingException e) {
            return new Decoded(
                    null, "bytes are not valid " + cs.name() + " as the PEP 263 comment declares");
        }
    }

    /** Python codec names Java spells differently (Python's codecs aliases, the common ones). */
    private static String javaCharsetName(String pythonName) {
        String n = pythonName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "latin-1", "latin1", "l1", "iso-latin-1", "iso8859-1", "8859" -> "ISO-8859-1";
            case "latin-9", "latin9", "l9" -> "ISO-8859-15";
            case "cp65001" -> "UTF-8";
            default -> n.startsWith("iso8859-") ? "ISO-8859-" + n.substring(8) : n;
        };
    }

    /**
     * The encoding a PEP 263 comment on the first two lines declares, or null. Lines end as in
     * {@link LineIndex} (CPython reads source with universal newlines).
     */
    static String declaredEncoding(byte[] bytes) {
        LineIndex lines = LineIndex.of(bytes);
        int end = lines.lineCount() > 2 ? lines.lineStart(2) : bytes.length;
        String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        Matcher m = CODING.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static boolean isValidUtf8(byte[] bytes) {
        return firstInvalidUtf8(bytes) < 0;
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }
}
