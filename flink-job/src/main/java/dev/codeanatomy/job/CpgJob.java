package dev.codeanatomy.job;

import dev.codeanatomy.job.translators.RulesTranslator;
import dev.codeanatomy.job.translators.SinksTranslator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;

/** The whole CPG job: composer stages plus rule views, emission and Delta sinks. */
public final class CpgJob {

    private CpgJob() {}

    /**
     * Builds the job into {@code env}; call {@code env.execute()} or {@code executeAsync()} after.
     *
     * @return the composed pipeline (its {@code applied} stream reports each bundle applied)
     */
    public static CpgJobComposer.Composed build(
            StreamExecutionEnvironment env, JobOptions options) {
        CpgJobComposer.Composed composed = CpgJobComposer.compose(env, options);
        // 4. Rule views over the contract tables.
        RulesTranslator.translate(composed.tableEnv(), options);
        // 5-6. Emission views and dead letters into Delta tables.
        StreamStatementSet sinks =
                SinksTranslator.translate(composed.tableEnv(), composed.deadLetters(), options);
        sinks.attachAsDataStream();
        return composed;
    }
}
