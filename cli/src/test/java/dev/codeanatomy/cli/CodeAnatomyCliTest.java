package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CodeAnatomyCliTest {

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = CodeAnatomyCli.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            int exit = cl.execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void everySubcommandHasHelp() {
        CommandLine cl = CodeAnatomyCli.commandLine();
        assertThat(cl.getSubcommands())
                .containsKeys("contracts", "kafka", "extract", "query", "local");
        for (String name : cl.getSubcommands().keySet()) {
            Run r = run(name, "--help");
            assertThat(r.exit()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage:").contains(name);
        }
        assertThat(run("--help").out()).contains("contracts").contains("local");
    }

    @Test
    void runTakesItsGeneratedSettingFlagsAndKafkaClientPropertiesThroughTheRootCommand() {
        Run help = run("run", "--help");
        assertThat(help.out())
                .contains("--kafka=")
                .contains("--delta-root=")
                .contains("--kafka-property=KEY=VALUE")
                .contains("--kafka-properties=FILE");
        CommandLine.ParseResult parsed =
                CodeAnatomyCli.commandLine()
                        .parseArgs(
                                "run",
                                "--kafka",
                                "b:1",
                                "--delta-root",
                                "/d",
                                "--kafka-property",
                                "security.protocol=SASL_SSL");
        assertThat(parsed.subcommand().matchedOptionValue("--kafka", "")).isEqualTo("b:1");
    }

    @Test
    void aKafkaPropertyWithoutEqualsIsAnErrorThatDoesNotQuoteTheArgument() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = CodeAnatomyCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit =
                cl.execute(
                        "kafka", "dump", "--kafka", "b:1", "--kafka-property", "hunter2-password");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("--kafka-property takes KEY=VALUE")
                .doesNotContain("hunter2");
    }

    @Test
    void aBadSettingIsOneLineNamingTheCommandWithExitCode2() {
        for (String command : new String[] {"local", "replay"}) {
            java.io.StringWriter err = new java.io.StringWriter();
            CommandLine cl = CodeAnatomyCli.commandLine();
            cl.setErr(new java.io.PrintWriter(err, true));
            String[] args =
                    command.equals("local")
                            ? new String[] {"local", "--once", "--repos", " , "}
                            : new String[] {
                                "replay", "--git", ".", "--from", "HEAD", "--repos", ","
                            };
            assertThat(cl.execute(args)).as(command).isEqualTo(2);
            assertThat(err.toString())
                    .as(command)
                    .startsWith("codeanatomy " + command + ": --repos names no repository")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void contractsDdlPrintsEveryContract() {
        Run r = run("contracts", "--ddl");
        assertThat(r.exit()).isZero();
        for (DatasetContract c : Contracts.all()) {
            assertThat(r.out()).contains("CREATE TABLE `" + c.name() + "` (");
        }
    }

    @Test
    void contractsJsonParsesAndSelectsDatasets() throws Exception {
        JsonNode all = new ObjectMapper().readTree(run("contracts", "--json").out());
        assertThat(all.get("datasets")).hasSize(Contracts.all().size());
        Run one = run("contracts", "--json", "--dataset", "cpg_edges");
        JsonNode edges = new ObjectMapper().readTree(one.out());
        assertThat(edges).hasSize(1);
        assertThat(edges.get(0).get("name").asText()).isEqualTo("cpg_edges");
    }
}
