package dev.codeanatomy.cli;

import dev.codeanatomy.migrations.UpgradePlan;
import dev.codeanatomy.rules.RuleManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy upgrade}: classify a new build against the running one and carry out the
 * upgrade. Each step is a nested subcommand registered in {@code subcommands}.
 */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description =
                "Classify a new build against the running job (plan) and change its rules"
                        + " blue/green (switch).",
        subcommands = {UpgradeCommand.Plan.class, UpgradeSwitch.class})
final class UpgradeCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = {
                "Classify this build's rules and contracts against the running build's manifest"
                        + " (from 'rules plan --json') and say how to upgrade: restore a"
                        + " savepoint, blue/green, or a contract change.",
                "Pass the --bucket-count the running job uses."
            },
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {
                "0:state-compatible: restore from a savepoint",
                "3:rules changed: blue/green (upgrade switch)",
                "4:contract changed: a dataset contract's version or schema",
                "2:the old manifest is missing or not a rule manifest, or a bad option",
                "1:any other error"
            })
    static final class Plan extends RulesCommand.Source implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "OLD_MANIFEST",
                description = "The running build's manifest ('rules plan --json' of that build).")
        Path from;

        @Option(names = "--json", description = "Print the plan as JSON.")
        boolean json;

        @Override
        public Integer call() {
            UpgradePlan plan = UpgradePlan.between(UpgradePlan.readManifest(from), manifest());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? RuleManifest.text(plan.json()) : plan.text());
            out.flush();
            return plan.classification().exitCode();
        }
    }
}
