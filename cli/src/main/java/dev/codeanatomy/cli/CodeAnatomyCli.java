package dev.codeanatomy.cli;

import dev.codeanatomy.kafka.KafkaUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code bin/codeanatomy}: the command-line interface; every capability is a subcommand. */
@Command(
        name = "codeanatomy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "CodeAnatomy Stream: a continuously updated code property graph.")
public final class CodeAnatomyCli implements Runnable {

    @Spec CommandSpec spec;

    /** Runs the CLI and exits with the subcommand's exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CodeAnatomyCli());
        cl.addSubcommand("contracts", new ContractsCommand());
        cl.addSubcommand("kafka", new KafkaCommand());
        cl.addSubcommand("extract", new dev.codeanatomy.extractor.cli.ExtractCommand());
        cl.addSubcommand("functions", new FunctionsCommand());
        cl.addSubcommand("query", new QueryCommand());
        cl.addSubcommand("rules", new RulesCommand());
        cl.addSubcommand("upgrade", new UpgradeCommand());
        cl.addSubcommand("delta", new DeltaCommand());
        cl.addSubcommand("local", new dev.codeanatomy.cli.local.LocalCommand());
        // a CommandLine of its own: picocli applies a command's model transformer (run's flags,
        // generated from CpgJobOptions) only when the CommandLine is built from the command, not
        // to a command object handed to addSubcommand
        cl.addSubcommand("run", new CommandLine(new RunCommand()));
        cl.addSubcommand("replay", new dev.codeanatomy.cli.local.ReplayCommand());
        cl.addSubcommand("bench", new dev.codeanatomy.cli.bench.BenchCommand());
        cl.setExecutionExceptionHandler(CodeAnatomyCli::badSetting);
        return cl;
    }

    /**
     * A command's {@link IllegalArgumentException} is a bad setting (a flag, config key or input
     * the command checked): printed as {@code codeanatomy <command>: <message>}, exit code 2, no
     * stack trace. A Kafka bundle topic that cannot be reached (credentials refused, broker
     * unreachable) is printed the same way with exit code 1. Anything else keeps picocli's default
     * (stack trace, exit code 1).
     */
    private static int badSetting(Exception e, CommandLine cl, ParseResult parsed)
            throws Exception {
        if (e instanceof KafkaUnavailableException) {
            // broker unreachable or credentials refused: the message names broker, topic, cause
            cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            cl.getErr().flush();
            return 1;
        }
        if (!(e instanceof IllegalArgumentException)) {
            throw e;
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        cl.getErr().flush();
        return 2;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
