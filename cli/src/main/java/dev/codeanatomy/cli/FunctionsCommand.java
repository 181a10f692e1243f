package dev.codeanatomy.cli;

import dev.codeanatomy.udf.FunctionRegistry;
import dev.codeanatomy.udf.FunctionRegistry.FunctionSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codeanatomy functions}: lists the project's Flink SQL functions with descriptions. */
@Command(
        name = "functions",
        mixinStandardHelpOptions = true,
        description = "List the project's Flink SQL functions (name and description).")
final class FunctionsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = {"-s", "--signatures"},
            description = "Also print each function's call shape and implementing class.")
    boolean signatures;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = 0;
        for (FunctionSpec f : FunctionRegistry.all()) {
            width = Math.max(width, f.name().length());
        }
        String indent = " ".repeat(width + 2);
        for (FunctionSpec f : FunctionRegistry.all()) {
            out.println(String.format("%-" + width + "s  %s", f.name(), f.description()));
            if (signatures) {
                out.println(indent + f.signature());
                out.println(indent + f.functionClass().getName());
            }
        }
        out.flush();
        return 0;
    }
}
