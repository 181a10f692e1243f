package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.udf.FunctionRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code codeanatomy functions} prints every registered function with its description. */
class FunctionsCommandTest {

    @Test
    void printsEveryFunctionWithItsDescription() {
        StringWriter out = new StringWriter();
        CommandLine cl = CodeAnatomyCli.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("functions", "--signatures")).isZero();
        String text = out.toString();
        for (FunctionRegistry.FunctionSpec f : FunctionRegistry.all()) {
            assertThat(text)
                    .containsPattern("(?m)^" + f.name() + " +\\Q" + f.description() + "\\E$")
                    .contains(f.signature(), f.functionClass().getName());
        }
    }
}
