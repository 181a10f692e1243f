package dev.codeanatomy.udf.positions;

import java.util.Locale;

/**
 * The unit of a column number: SCIP {@code Document.position_encoding} (scip.proto {@code
 * PositionEncoding}).
 */
public enum PositionEncoding {
    /** UTF-8 code units (bytes): SCIP {@code UTF8CodeUnitOffsetFromLineStart} = 1. */
    UTF8,
    /**
     * UTF-16 code units (Java {@code char}s): SCIP {@code UTF16CodeUnitOffsetFromLineStart} = 2.
     */
    UTF16,
    /** UTF-32 code units (code points): SCIP {@code UTF32CodeUnitOffsetFromLineStart} = 3. */
    UTF32;

    /**
     * Parses an encoding name, case-insensitively, ignoring {@code -} and {@code _}: {@code
     * utf-8}/{@code utf8}, {@code utf-16}, {@code utf-32}, the SCIP enum names ({@code
     * UTF16CodeUnitOffsetFromLineStart}) or their numbers ({@code "1"}, {@code "2"}, {@code "3"}).
     *
     * @return the encoding, or {@code null} if {@code name} is null or not one of those
     */
    public static PositionEncoding parseOrNull(String name) {
        if (name == null) {
            return null;
        }
        String n = name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        switch (n) {
            case "utf8":
            case "utf8codeunitoffsetfromlinestart":
            case "1":
                return UTF8;
            case "utf16":
            case "utf16codeunitoffsetfromlinestart":
            case "2":
                return UTF16;
            case "utf32":
            case "utf32codeunitoffsetfromlinestart":
            case "3":
                return UTF32;
            default:
                return null;
        }
    }

    /**
     * Like {@link #parseOrNull(String)}, but throws.
     *
     * @throws IllegalArgumentException if {@code name} is null, unspecified or unknown; the message
     *     says what to pass instead
     */
    public static PositionEncoding parse(String name) {
        PositionEncoding e = parseOrNull(name);
        if (e != null) {
            return e;
        }
        if (name == null
                || name.isBlank()
                || name.equals("0")
                || name.equalsIgnoreCase("UnspecifiedPositionEncoding")) {
            throw new IllegalArgumentException(
                    "position encoding is unspecified: the SCIP indexers in use (scip-python,"
                            + " scip-typescript, scip-java) leave Document.position_encoding unset"
                            + " and report UTF-16 code units; pass UTF16 explicitly");
        }
        throw new IllegalArgumentException(
                "unknown position encoding '"
                        + name
                        + "': use UTF8, UTF16 or UTF32 (or a SCIP PositionEncoding name)");
    }

    /** The unit's name for messages, e.g. {@code "UTF-16 code units"}. */
    public String units() {
        switch (this) {
            case UTF8:
                return "UTF-8 bytes";
            case UTF16:
                return "UTF-16 code units";
            default:
                return "code points";
        }
    }
}
