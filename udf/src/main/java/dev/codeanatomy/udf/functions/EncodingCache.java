package dev.codeanatomy.udf.functions;

import dev.codeanatomy.udf.positions.PositionEncoding;
import java.io.Serializable;

/** Remembers the last parsed encoding name, so a constant argument is parsed once per task. */
final class EncodingCache implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient String lastName;
    private transient PositionEncoding last;

    PositionEncoding parse(String name) {
        if (name == null) {
            return null;
        }
        if (!name.equals(lastName)) {
            last = PositionEncoding.parseOrNull(name);
            lastName = name;
        }
        return last;
    }
}
