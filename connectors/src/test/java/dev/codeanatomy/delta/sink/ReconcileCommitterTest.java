package dev.codeanatomy.delta.sink;

import static dev.codeanatomy.delta.sink.DeltaCommitterTest.ROW;
import static dev.codeanatomy.delta.sink.DeltaCommitterTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.DeltaSwitch;
import dev.codeanatomy.delta.core.DeltaTableAccess;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.core.SwitchRequest;
import dev.codeanatomy.delta.sink.DeltaCommitterTest.Request;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer's reconcile mode (blue/green rule upgrades): commits go into the shadow table
 * without touching the live table, a switch request makes one live commit whose change data feed is
 * exactly the difference, later commits go live, and replays after a restore commit nothing twice.
 */
class ReconcileCommitterTest {

    @TempDir Path dir;

    DeltaTableSpec live() {
        return DeltaTableSpec.of(dir.resolve("live").toString(), ROW, List.of("id"), "bucket")
                .withBucketCount(4);
    }

    String shadowPath() {
        return dir.resolve("shadow").toString();
    }

    DeltaCommitter green(DeltaSwitch.Mode mode) {
        return new DeltaCommitter(live(), "green", false, new Reconcile(shadowPath(), mode));
    }

    /** Stages rows as the live table's writer does, stamped as checkpoint {@code cp} of run r1. */
    DeltaCommittable stage(long cp, GenericRowData... rows) throws Exception {
        DeltaWriter w = new DeltaWriter(live(), "r1");
        for (GenericRowData r : rows) {
            w.write(r, null);
        }
        return new DeltaCommittable("r1", cp, w.prepareCommit().iterator().next().files());
    }

    /** The empty committable the aggregator sends for a checkpoint without changes. */
    static DeltaCommittable empty(long cp) {
        return new DeltaCommittable("r1", cp, List.of());
    }

    static Request commit(DeltaCommitter c, DeltaCommittable committable) {
        Request r = new Request(committable);
        c.commit(List.of(r));
        return r;
    }

    static Map<String, Long> rows(String path) {
        Map<String, Long> m = new TreeMap<>();
        for (Object[] r :
                KernelTableReader.readLatest(path, new org.apache.hadoop.conf.Configuration())) {
            m.put((String) r[0], (Long) r[1]);
        }
        return m;
    }

    List<String> cdf(Path table, long version) throws Exception {
        StructType schema =
                new StructType()
                        .add("id", StringType.STRING)
                        .add("val", LongType.LONG)
                        .add("_change_type", StringType.STRING);
        List<String> out = new ArrayList<>();
        for (JsonNode cdc : new DeltaLogReader(table).read(version).cdcs()) {
            Path f = table.resolve(cdc.get("path").asText());
            for (Object[] r :
                    KernelTableReader.readParquetFile(
                            new DeltaTableAccess(live()).engine(),
                            f.toString(),
                            Files.size(f),
                            schema)) {
                out.add(r[2] + ":" + r[0] + "=" + r[1]);
            }
        }
        out.sort(null);
        return out;
    }

    long liveVersion() throws Exception {
        return new DeltaLogReader(dir.resolve("live")).commitCount() - 1;
    }

    /** Blue's graph in the live table: a=1, b=2, c=3. */
    void blue() throws Exception {
        DeltaCommitter blue = new DeltaCommitter(live(), "blue", false);
        commit(
                blue,
                stage(
                        1,
                        row(RowKind.INSERT, "a", 1),
                        row(RowKind.INSERT, "b", 2),
                        row(RowKind.INSERT, "c", 3)));
    }

    @Test
    void shadowCommitsLeaveTheLiveTableThenOneSwitchCommitHoldsExactlyTheDifference()
            throws Exception {
        blue();
        long blueVersion = liveVersion();
        DeltaCommitter green = green(DeltaSwitch.Mode.REPLACE);
        // green's rules: b changes, c is gone, d is new, a stays
        commit(
                green,
                stage(
                        1,
                        row(RowKind.INSERT, "a", 1),
                        row(RowKind.INSERT, "b", 20),
                        row(RowKind.INSERT, "d", 4)));
        commit(green, empty(2));
        assertThat(liveVersion()).isEqualTo(blueVersion);
        assertThat(rows(live().tablePath()))
                .containsExactly(Map.entry("a", 1L), Map.entry("b", 2L), Map.entry("c", 3L));
        assertThat(rows(shadowPath()))
                .containsExactly(Map.entry("a", 1L), Map.entry("b", 20L), Map.entry("d", 4L));

        // a request for a later checkpoint waits for it
        new SwitchRequest("u1", 3).write(shadowPath(), new org.apache.hadoop.conf.Configuration());
        commit(green, empty(2));
        assertThat(liveVersion()).isEqualTo(blueVersion);

        commit(green, empty(3));
        assertThat(liveVersion()).isEqualTo(blueVersion + 1);
        assertThat(rows(live().tablePath())).isEqualTo(rows(shadowPath()));
        assertThat(cdf(dir.resolve("live"), blueVersion + 1))
                .containsExactly(
                        "delete:c=3", "insert:d=4", "update_postimage:b=20", "update_preimage:b=2");
        assertThat(new DeltaLogReader(dir.resolve("live")).read(blueVersion + 1).txns())
                .extracting(t -> t.get("appId").asText())
                .containsExactly("green@switch-u1");

        // after the switch: commits go live, the shadow stays as it was
        long shadowCommits = new DeltaLogReader(dir.resolve("shadow")).commitCount();
        commit(green, stage(4, row(RowKind.INSERT, "e", 5), row(RowKind.DELETE, "a", 1)));
        assertThat(rows(live().tablePath()))
                .containsExactly(Map.entry("b", 20L), Map.entry("d", 4L), Map.entry("e", 5L));
        assertThat(new DeltaLogReader(dir.resolve("shadow")).commitCount())
                .isEqualTo(shadowCommits);
        assertThat(cdf(dir.resolve("live"), liveVersion()))
                .containsExactly("delete:a=1", "insert:e=5");

        // a restored committer replays a pre-switch and a post-switch checkpoint: both no-ops
        long before = liveVersion();
        DeltaCommitter restored = green(DeltaSwitch.Mode.REPLACE);
        DeltaCommittable again1 = stage(1, row(RowKind.INSERT, "a", 1));
        assertThat(commit(restored, again1).alreadyCommitted).isTrue();
        DeltaCommittable again4 = stage(4, row(RowKind.INSERT, "a", 1));
        assertThat(commit(restored, again4).alreadyCommitted).isTrue();
        commit(restored, empty(5));
        assertThat(liveVersion()).isEqualTo(before);
        assertThat(rows(live().tablePath()))
                .containsExactly(Map.entry("b", 20L), Map.entry("d", 4L), Map.entry("e", 5L));
    }

    @Test
    void insertMissingKeepsTheLogsRowsAndAddsOnlyNewKeys() throws Exception {
        blue();
        DeltaCommitter green = green(DeltaSwitch.Mode.INSERT_MISSING);
        commit(green, stage(1, row(RowKind.INSERT, "a", 100), row(RowKind.INSERT, "z", 26)));
        new SwitchRequest("u2", 1).write(shadowPath(), new org.apache.hadoop.conf.Configuration());
        commit(green, empty(2));
        assertThat(rows(live().tablePath()))
                .containsExactly(
                        Map.entry("a", 1L),
                        Map.entry("b", 2L),
                        Map.entry("c", 3L),
                        Map.entry("z", 26L));
        assertThat(cdf(dir.resolve("live"), liveVersion())).containsExactly("insert:z=26");
    }

    @Test
    void aShadowPathEqualToTheTablePathOrAMalformedRequestIsRefused() throws Exception {
        assertThatThrownBy(
                        () ->
                                new Reconcile(live().tablePath() + "/", DeltaSwitch.Mode.REPLACE)
                                        .shadowSpec(live()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ from the table path");
        Files.createDirectories(dir.resolve("shadow"));
        Files.writeString(
                dir.resolve("shadow").resolve(SwitchRequest.FILE_NAME), "upgrade-id=x y\n");
        DeltaCommitter green = green(DeltaSwitch.Mode.REPLACE);
        assertThatThrownBy(() -> commit(green, empty(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SwitchRequest.FILE_NAME)
                .hasMessageContaining("needs upgrade-id and after-checkpoint");
    }
}
