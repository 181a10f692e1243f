package dev.codeanatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.job.config.CpgJobOptions;
import dev.codeanatomy.migrations.UpgradePlan;
import dev.codeanatomy.rules.ChangelogInputTables;
import dev.codeanatomy.rules.CompiledRule;
import dev.codeanatomy.rules.CompiledRuleSet;
import dev.codeanatomy.rules.RuleCompiler;
import dev.codeanatomy.rules.RuleDiff;
import dev.codeanatomy.rules.RuleLoader;
import dev.codeanatomy.rules.RuleManifest;
import dev.codeanatomy.rules.RuleParameters;
import dev.codeanatomy.rules.SubstraitPlans;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code codeanatomy rules}: compile, plan, explain and diff the rule set. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Compile, plan, explain and diff the rule set.",
        subcommands = {
            RulesCommand.Plan.class,
            RulesCommand.Explain.class,
            RulesCommand.Diff.class
        })
final class RulesCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the rules come from: the built-in set, or a directory of rule files. */
    static class Source {
        @Option(
                names = "--rules-dir",
                paramLabel = "DIR",
                description = "Compile the *.sql rule files of DIR instead of the built-in rules.")
        Path rulesDir;

        @Option(
                names = "--bucket-count",
                paramLabel = "N",
                description =
                        "The rule-set parameter $${bucket_count}, as the job's bucket-count setting"
                                + " (default: the job's default).")
        Integer bucketCount;

        /** The rule-set parameters the job would compile the rules with. */
        RuleParameters parameters() {
            return RuleParameters.builtIn(
                    bucketCount != null ? bucketCount : CpgJobOptions.BUCKET_COUNT.defaultValue());
        }

        CompiledRuleSet compile() {
            RuleCompiler c = new RuleCompiler();
            return rulesDir == null
                    ? c.compileBuiltIn(parameters())
                    : c.compile(RuleLoader.fromDirectory(rulesDir), parameters());
        }

        /** The manifest of {@link #compile()}, without Substrait plans (for comparisons). */
        com.fasterxml.jackson.databind.node.ObjectNode manifest() {
            return RuleManifest.of(compile(), Map.of(), parameters());
        }
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description =
                    "Compile the rules (DAG, contracts, winner policies) and print each rule's"
                            + " inputs, fingerprint and Substrait plan hash; --json prints the rule"
                            + " manifest.")
    static final class Plan extends Source implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print the rule manifest JSON.")
        boolean json;

        @Override
        public Integer call() {
            CompiledRuleSet set = compile();
            Map<String, SubstraitPlans.Result> plans = SubstraitPlans.of(set);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.print(RuleManifest.text(RuleManifest.of(set, plans, parameters())));
            } else {
                for (CompiledRule r : set.rules()) {
                    SubstraitPlans.Result p = plans.get(r.name());
                    out.printf(
                            "%-20s %-12s %-14s fingerprint %s  substrait %s%n    inputs: %s%n",
                            r.name(),
                            r.spec().kind().name().toLowerCase(java.util.Locale.ROOT),
                            r.spec().produces(),
                            r.fingerprint().substring(0, 16),
                            p.converted()
                                    ? p.sha256().substring(0, 16)
                                    : "not converted: " + p.error(),
                            String.join(", ", r.inputs()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            description =
                    "Print Flink's plans (abstract syntax tree, optimized physical plan with"
                            + " changelog modes, execution plan) of one rule view, over changelog"
                            + " inputs as in the streaming job, or bounded inputs with --batch.")
    static final class Explain extends Source implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The rule to explain.")
        String name;

        @Option(names = "--batch", description = "Explain the batch plan instead.")
        boolean batch;

        @Override
        public Integer call() {
            CompiledRuleSet set = compile();
            set.rule(name);
            TableEnvironment env;
            if (batch) {
                env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
                RuleCompiler.registerInputTables(env);
            } else {
                StreamExecutionEnvironment see =
                        StreamExecutionEnvironment.getExecutionEnvironment();
                StreamTableEnvironment senv = StreamTableEnvironment.create(see);
                ChangelogInputTables.register(senv, see);
                env = senv;
            }
            new RuleCompiler().registerFunctions(env);
            set.registerViews(env);
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                    env.explainSql(
                            "SELECT * FROM " + name,
                            org.apache.flink.table.api.ExplainDetail.CHANGELOG_MODE));
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description =
                    "Compare the rules with an earlier manifest (from 'rules plan --json'): the"
                            + " rules whose fingerprint changed, the rules downstream of them and"
                            + " the output tables they reach.")
    static final class Diff extends Source implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "OLD_MANIFEST", description = "Manifest JSON file to compare to.")
        Path oldManifest;

        @Override
        public Integer call() {
            JsonNode old = UpgradePlan.readManifest(oldManifest);
            RuleDiff diff = RuleDiff.between(old, manifest());
            PrintWriter out = spec.commandLine().getOut();
            out.print(diff.text());
            out.flush();
            return 0;
        }
    }
}
