package dev.codeanatomy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The model's reader ({@link BundleKafkaCodec}, {@link dev.codeanatomy.bundle.BundleAssembler})
 * under thousands of mutated records ({@link BundleFuzzer}): nothing throws, and every rejection
 * comes from a check, not from an exception no check anticipated. The job-level fuzz test is {@code
 * BundleFuzzJobITCase}. Replay a failure with {@code -Dfuzz.seed=N}.
 */
class BundleFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);

    @Test
    void everyMutatedRecordIsReadOrRejectedByACheck() {
        System.out.println("BundleFuzzTest seed " + SEED + " (-Dfuzz.seed=" + SEED + ")");
        BundleFuzzer fuzzer = new BundleFuzzer(SEED, "t", 4);
        int bad = 0;
        int records = 0;
        Map<String, Integer> usable = new TreeMap<>();
        for (int i = 0; i < 6000; i++) {
            BundleFuzzer.Case c = fuzzer.mutated("fuzz/" + i + ".py");
            records += c.records().size();
            List<String> reasons = BundleFuzzer.rejections(c);
            for (String reason : reasons) {
                assertThat(reason)
                        .as("seed %d case %d: %s", SEED, i, c.mutation())
                        .isNotBlank()
                        .doesNotStartWith("unexpected ");
            }
            if (reasons.isEmpty()) {
                usable.merge(c.mutation().replaceAll("[0-9]+", "N"), 1, Integer::sum);
            } else {
                bad++;
            }
        }
        System.out.println(
                "BundleFuzzTest: "
                        + records
                        + " records, "
                        + bad
                        + " bad cases; usable: "
                        + usable);
        assertThat(records).isGreaterThan(9000);
        assertThat(bad).as("usable mutations: %s", usable).isGreaterThan(5000);
        for (int i = 0; i < 20; i++) {
            assertThat(BundleFuzzer.rejections(fuzzer.good("good/" + i + ".py", i % 2 == 0)))
                    .isEmpty();
        }
    }
}
