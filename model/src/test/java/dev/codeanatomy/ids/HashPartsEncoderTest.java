package dev.codeanatomy.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free encoder hashes exactly the bytes of the reference {@link StableHash#encode}.
 */
class HashPartsEncoderTest {

    private static final String[] ALPHABET = {
        "a", "Z", "0", " ", ":", "é", "ß", "日", "本", "😀", "\u0000", "\uD800", "\uDC00", "\n"
    };

    @Test
    void randomPartsHashLikeTheReferenceEncoding() {
        Random random = new Random(42);
        HashPartsEncoder enc = new HashPartsEncoder();
        for (int round = 0; round < 5_000; round++) {
            int n = 1 + random.nextInt(5);
            String[] parts = new String[n];
            enc.reset();
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(10);
                if (pick == 0) {
                    parts[i] = null;
                    enc.addNull();
                } else if (pick == 1) {
                    long v = random.nextBoolean() ? random.nextInt() : random.nextLong();
                    parts[i] = Long.toString(v);
                    enc.addPart(v);
                } else {
                    parts[i] = randomText(random);
                    enc.addPart(parts[i]);
                }
            }
            assertThat(enc.hash64())
                    .as("parts %s", (Object) parts)
                    .isEqualTo(StableHash.hash64(parts));
            assertThat(enc.hash128Hex()).isEqualTo(StableHash.hash128Hex(parts));
        }
    }

    @Test
    void extremeIntegersAndLongTextsEncodeLikeTheirDecimalText() {
        HashPartsEncoder enc = new HashPartsEncoder();
        for (long v : new long[] {0, -1, 9, 10, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(enc.reset().addPart("k").addPart(v).hash64())
                    .isEqualTo(StableHash.hash64("k", Long.toString(v)));
        }
        String big = "日本語😀".repeat(5_000);
        assertThat(enc.reset().addPart(big).addPart(big).hash128Hex())
                .isEqualTo(StableHash.hash128Hex(big, big));
        assertThat(enc.reset().addPart("FILE").addPart("r").addPart("p").prefixed128("FILE"))
                .isEqualTo(StableHash.fileId("r", "p"));
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(12);
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
