package dev.codeanatomy.extractor.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSeqTest {

    @TempDir Path repo;

    @Test
    void commitsRankByCommitterTimeThenByAncestryWithinOneSecond() throws Exception {
        git(null, "init", "-q", "-b", "main");
        String a = commit("a", "2026-01-01T00:00:00Z");
        String b = commit("b", "2026-01-01T00:00:00Z"); // same second as its parent
        String c = commit("c", "2026-01-01T00:00:05Z");
        long seqA = RunSeq.ofCommit(repo, a);
        long seqB = RunSeq.ofCommit(repo, b);
        long seqC = RunSeq.ofCommit(repo, c);
        assertThat(seqA).isLessThan(seqB);
        assertThat(seqB).isLessThan(seqC);
        assertThat(seqA >>> RunSeq.TIE_BITS).isEqualTo(1_767_225_600_000L);
        assertThat(seqA & RunSeq.WORKING_TREE_TIE).isEqualTo(1);
        assertThat(seqB & RunSeq.WORKING_TREE_TIE).isEqualTo(2);
        // re-deriving an old commit's run_seq later (a re-run CI pipeline) gives the same value
        assertThat(RunSeq.ofCommit(repo, "HEAD~2")).isEqualTo(seqA);
    }

    @Test
    void aCommitWithAnEarlierClockRanksBelowItsParentUnlessReplayKeepsTheOrder() throws Exception {
        git(null, "init", "-q", "-b", "main");
        String a = commit("a", "2026-01-01T00:00:10Z");
        String skewed = commit("b", "2026-01-01T00:00:00Z");
        long seqA = RunSeq.ofCommit(repo, a);
        long seqSkewed = RunSeq.ofCommit(repo, skewed);
        assertThat(seqSkewed).isLessThan(seqA);
        assertThat(RunSeq.after(seqA, seqSkewed)).isEqualTo(seqA + 1);
        assertThat(RunSeq.after(seqA, seqA + 5)).isEqualTo(seqA + 5);
    }

    @Test
    void aWorkingTreeRanksAboveCommitsOfItsMillisecondAndNeverRepeats() {
        long now = RunSeq.now();
        long next = RunSeq.now();
        assertThat(next).isGreaterThan(now);
        long commitOfThisMs = RunSeq.of(now >>> RunSeq.TIE_BITS, 5);
        assertThat(now).isGreaterThan(commitOfThisMs);
        assertThat(now).isPositive().isLessThan(Long.MAX_VALUE);
    }

    @Test
    void valuesOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> RunSeq.of(-1, 0)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> RunSeq.of(0, 1L << RunSeq.TIE_BITS))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> RunSeq.checked(Long.MAX_VALUE))
                .hasMessageContaining("outside 0..");
        assertThatThrownBy(() -> RunSeq.checked(-3)).hasMessageContaining("run_seq -3");
        assertThat(RunSeq.checked(0)).isZero();
    }

    private String commit(String file, String committerDate) throws Exception {
        Files.writeString(repo.resolve(file + ".py"), "x = 1\n");
        git(null, "add", "-A");
        git(committerDate, "commit", "-q", "-m", file, "--date", committerDate);
        return git(null, "rev-parse", "HEAD").trim();
    }

    private String git(String committerDate, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of("-c", "user.name=test", "-c", "user.email=test@example.com"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (committerDate != null) {
            pb.environment().put("GIT_COMMITTER_DATE", committerDate);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", args, out).isZero();
        return out;
    }
}
