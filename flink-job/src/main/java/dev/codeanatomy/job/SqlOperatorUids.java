package dev.codeanatomy.job;

import dev.codeanatomy.rules.RuleFingerprint;
import dev.codeanatomy.rules.RuleManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Pins the uids of the SQL planner's operators (joins, ranks, aggregates, calcs, conversions) from
 * their content: each gets {@code sql-<hash>}, the SHA-256 of its operator description with the
 * planner's node counters removed, its kind, and the uids of its inputs (a Merkle hash over the
 * plan). An unchanged rule set gives the same uids in every build and JVM; a changed rule changes
 * the uids of its own operators and of everything downstream of them, and no other.
 *
 * <p>Why not Flink's own mechanisms (Flink 2.2): a compiled plan ({@code COMPILE PLAN}, FLIP-190)
 * cannot be made for this job, because its contract tables come from {@code fromChangelogStream}
 * and its shared rule views are materialised through {@code toChangelogStream} — the planner
 * refuses with "Cannot serialize the table as it's an external inline table"; {@code
 * table.exec.uid.generation=ALWAYS} names operators {@code <id>_<transformation>} after a JVM-wide
 * node counter, so two builds of the same rules differ; and without uids Flink hashes only the
 * topology, so a rule edit that keeps the topology (a changed constant or winner order) keeps every
 * operator id and a savepoint would restore the old rule's state into the new rule.
 *
 * <p>Operators with an explicit uid ({@link OperatorUids}) keep it. Changing this scheme changes
 * the SQL operators' uids: a savepoint of a job built with another scheme restores only with {@code
 * --allowNonRestoredState}, and then the SQL operators start empty (see {@link #SCHEME}).
 */
public final class SqlOperatorUids {

    /**
     * The scheme's name, recorded in the rule manifest ({@link RuleManifest#SQL_OPERATOR_UIDS}).
     */
    public static final String SCHEME = RuleManifest.SQL_OPERATOR_UIDS;

    /** {@code Join[1933]}, {@code [1933]:}, {@code $134}: counters that differ between builds. */
    private static final Pattern COUNTERS = Pattern.compile("\\[\\d+\\]|\\$\\d+");

    private SqlOperatorUids() {}

    /**
     * Sets a content uid on every transformation of {@code env} (and their inputs) that has none.
     * Call after the whole pipeline is added and before the stream graph is generated.
     *
     * @return how many uids were set
     */
    public static int pin(StreamExecutionEnvironment env) {
        Map<Transformation<?>, String> uids = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        int[] set = {0};
        for (Transformation<?> t : env.getTransformations()) {
            uid(t, uids, seen, set);
        }
        return set[0];
    }

    /** The content uid of a planner transformation, {@code sql-} plus 32 hex digits. */
    static String contentUid(Transformation<?> t, List<String> inputUids) {
        StringBuilder sb = new StringBuilder("sql-operator=v1\n");
        sb.append("class=").append(t.getClass().getSimpleName()).append('\n');
        sb.append("name=").append(normalize(t.getName())).append('\n');
        sb.append("description=")
                .append(normalize(t.getDescription() == null ? "" : t.getDescription()))
                .append('\n');
        inputUids.forEach(u -> sb.append("input=").append(u).append('\n'));
        return "sql-" + RuleFingerprint.sha256(sb.toString()).substring(0, 32);
    }

    static String normalize(String text) {
        return COUNTERS.matcher(text).replaceAll("");
    }

    private static String uid(
            Transformation<?> t,
            Map<Transformation<?>, String> uids,
            Map<String, Integer> seen,
            int[] set) {
        String known = uids.get(t);
        if (known != null) {
            return known;
        }
        List<String> inputs = new ArrayList<>();
        for (Transformation<?> in : t.getInputs()) {
            inputs.add(uid(in, uids, seen, set));
        }
        String uid = t.getUid();
        if (uid == null) {
            uid = contentUid(t, inputs);
            // the planner inlines a view at every read: identical operators on identical inputs
            // are told apart by the order in which the sinks reach them
            int n = seen.merge(uid, 1, Integer::sum);
            if (n > 1) {
                uid = uid + "-" + n;
            }
            t.setUid(uid);
            set[0]++;
        }
        uids.put(t, uid);
        return uid;
    }
}
