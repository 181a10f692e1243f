package dev.codeanatomy.delta.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which commit run a starting committable aggregator takes ({@link CommitRun#decide}). */
class CommitRunTest {

    /** The table's committed txn versions by run id. */
    static CommitRun decide(String restoredRun, OptionalLong restoredCp, Map<String, Long> table) {
        return CommitRun.decide(
                restoredRun, restoredCp, r -> Optional.ofNullable(table.get(r)), () -> "new");
    }

    @Test
    void aStartWithoutStateIsANewRun() {
        assertThat(decide(null, OptionalLong.empty(), Map.of("old", 9L)).id()).isEqualTo("new");
        assertThat(decide(null, OptionalLong.empty(), Map.of()).rewinds()).isFalse();
    }

    @Test
    void aFailoverToTheLatestCheckpointKeepsTheRun() {
        // the run committed up to the restored checkpoint (or its last commit is still pending)
        assertThat(decide("R", OptionalLong.of(7), Map.of("R", 7L)).id()).isEqualTo("R");
        assertThat(decide("R", OptionalLong.of(7), Map.of("R", 6L)).id()).isEqualTo("R");
        assertThat(decide("R", OptionalLong.of(7), Map.of()).id()).isEqualTo("R");
        assertThat(decide("R", OptionalLong.of(7), Map.of("R", 7L)).rewinds()).isFalse();
    }

    @Test
    void aRestoreOfAnOlderSnapshotStartsANewRun() {
        CommitRun run = decide("R", OptionalLong.of(3), Map.of("R", 8L));
        assertThat(run.id()).isEqualTo("new");
        assertThat(run.reason())
                .contains("restored from checkpoint 3, older than checkpoint 8")
                .contains("checkpoints 4..8");
        assertThat(run.rewinds()).isTrue();
        assertThat(run.rewindRun()).isEqualTo("R");
        assertThat(run.rewindCheckpoint()).isEqualTo(3);
    }

    @Test
    void aRestoreOfStateWithoutARunStartsANewRun() {
        assertThat(decide(null, OptionalLong.of(3), Map.of()).id()).isEqualTo("new");
    }

    @Test
    void randomIdsDiffer() {
        assertThat(CommitRun.randomId()).isNotEqualTo(CommitRun.randomId()).hasSize(36);
    }
}
