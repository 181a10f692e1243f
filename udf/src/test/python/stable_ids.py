"""Recomputes StableHash / stable_* values with the Python xxhash package (pip install xxhash).

This is the generator of the golden vectors in StableHashGoldenTest; run it with
`python3 udf/src/test/python/stable_ids.py` and compare its output with the test.
"""
import xxhash


def encode(parts):
    """The StableHash encoding: one non-null part = its UTF-8 bytes, else length-prefixed parts."""
    if len(parts) == 1 and parts[0] is not None:
        return parts[0].encode("utf-8")
    out = b""
    for p in parts:
        if p is None:
            out += b"\xff\xff\xff\xff"
        else:
            b = p.encode("utf-8")
            out += len(b).to_bytes(4, "big") + b
    return out


def hash64(*parts):
    """Signed, as Java's long and Flink's BIGINT."""
    v = xxhash.xxh3_64_intdigest(encode(parts))
    return v - (1 << 64) if v >= (1 << 63) else v


def hash128(*parts):
    return xxhash.xxh3_128_hexdigest(encode(parts))


def stable_id(kind, *parts):
    return kind + ":" + hash128(kind, *parts)


def prefixed_hash64(prefix, *parts):
    return prefix + ":" + format(xxhash.xxh3_64_intdigest(encode(parts)), "016x")


if __name__ == "__main__":
    file_id = stable_id("FILE", "cpython", "Lib/json/__init__.py")
    cases = [
        ("hash64('abc')", hash64("abc")),
        ("hash64('')", hash64("")),
        ("hash64(None)", hash64(None)),
        ("hash64('a', 'b')", hash64("a", "b")),
        ("hash64('ab', '')", hash64("ab", "")),
        ("hash64('a', None)", hash64("a", None)),
        ("hash128('abc')", hash128("abc")),
        ("hash128('café', '日本語', '😀')", hash128("café", "日本語", "😀")),
        ("prefixed_hash64('sym', 'abc')", prefixed_hash64("sym", "abc")),
        ("file_id", file_id),
        ("stable_id('CALL', file_id, '12', '40')", stable_id("CALL", file_id, "12", "40")),
        ("stable_id('FUNCTION', file_id, '-1', None)", stable_id("FUNCTION", file_id, "-1", None)),
        ("stable_id('SYMBOL', 'scip-python python café 0.1 `日本`/😀().')",
         stable_id("SYMBOL", "scip-python python café 0.1 `日本`/😀()."))
    ]
    for name, value in cases:
        print(f"{name} = {value}")
