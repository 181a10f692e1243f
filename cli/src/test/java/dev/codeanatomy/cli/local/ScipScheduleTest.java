package dev.codeanatomy.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.run.ExtractReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which replay runs index: the last, every N-th, and only after a Python change. */
class ScipScheduleTest {

    /** Positions 0..last that run the SCIP step when the runs at {@code python} change Python. */
    private static List<Integer> indexed(
            boolean on, Integer every, int last, List<Integer> python) {
        ReplayCommand.ScipSchedule s = new ReplayCommand.ScipSchedule(on, every, last);
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p <= last; p++) {
            s.changed(python.contains(p));
            ExtractReport r = new ExtractReport();
            if (s.due(p)) {
                out.add(p);
                r.scipStep("ran", 1.0);
            }
            s.ran(r);
        }
        return out;
    }

    @Test
    void byDefaultOnlyTheLastRunIndexes() {
        assertThat(indexed(true, null, 5, List.of(0, 1, 2, 3, 4, 5))).containsExactly(5);
        // the last run changed nothing, but earlier runs did since the (absent) last index
        assertThat(indexed(true, null, 5, List.of(0, 2))).containsExactly(5);
    }

    @Test
    void everyNthRunIndexesWhenPythonChangedSinceTheLastIndex() {
        assertThat(indexed(true, 2, 7, List.of(0, 1, 2, 3, 4, 5, 6))).containsExactly(0, 2, 4, 6);
        // runs 3 and 4 changed no Python file: run 4 skips; run 7 changed nothing since run 6
        assertThat(indexed(true, 2, 7, List.of(0, 1, 2, 5))).containsExactly(0, 2, 6);
        assertThat(indexed(true, 1, 3, List.of(0, 1, 2, 3))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void noScipNeverIndexes() {
        assertThat(indexed(false, 1, 3, List.of(0, 1, 2, 3))).isEmpty();
    }
}
