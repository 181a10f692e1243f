package dev.codeanatomy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.cli.CodeAnatomyCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The CI recipes in {@code docs/ci/} are valid YAML whose {@code codeanatomy} command lines parse
 * with the CLI's own picocli command (every option exists and takes the values given), publish only
 * the cst layer on push and only the SCIP step on the schedule, and take Kafka credentials from a
 * properties file written from CI secrets, never from the command line.
 */
class CiRecipeTest {

    static final String CLI = "/opt/codeanatomy/bin/codeanatomy";

    /** The command lines of {@code CLI} in every shell script of the YAML, by job. */
    static List<List<String>> commands(JsonNode scripts) {
        List<List<String>> out = new ArrayList<>();
        for (String script : scripts.findValuesAsText("run")) {
            out.addAll(commandLines(script));
        }
        for (JsonNode s : scripts.findValues("script")) {
            s.forEach(line -> out.addAll(commandLines(line.asText())));
        }
        return out;
    }

    /**
     * Shell words of each line of {@code script} that runs {@code CLI}, continuation lines joined;
     * quotes removed, variables kept as written ({@code $FROM}, {@code ${{ vars.X }}}).
     */
    static List<List<String>> commandLines(String script) {
        List<List<String>> out = new ArrayList<>();
        String joined = script.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String t = line.strip();
            if (!t.startsWith(CLI + " ")) {
                continue;
            }
            out.add(words(t.substring(CLI.length())));
        }
        return out;
    }

    /** Splits on blanks outside quotes ({@code '…'}, {@code "…"}) and removes the quotes. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in: " + s);
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    static ParseResult parse(List<String> args) {
        CommandLine cl = CodeAnatomyCli.commandLine();
        return cl.parseArgs(args.toArray(String[]::new));
    }

    static void checkExtract(List<String> args) {
        ParseResult parsed = parse(args);
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("extract");
        ParseResult extract = parsed.subcommand();
        assertThat(extract.hasMatchedOption("--kafka")).isTrue();
        // the credentials come from a file: the option exists (the parse above accepted it) and is
        // given (its parameter consumer hands values to the mixin without recording a match)
        assertThat(extract.commandSpec().findOption("--kafka-properties")).isNotNull();
        assertThat(args).contains("--kafka-properties").doesNotContain("--kafka-property");
        assertThat(extract.hasMatchedOption("--repo")).isTrue();
        assertThat(String.join(" ", args)).doesNotContainIgnoringCase("password");
    }

    @Test
    void githubWorkflowCommandsParseWithTheCli() {
        JsonNode wf = RepoFiles.yaml(RepoFiles.root().resolve("docs/ci/github-actions.yml"));
        // YAML 1.1 reads the key "on" as true
        JsonNode on = wf.has("on") ? wf.get("on") : wf.get("true");
        assertThat(on.has("push")).isTrue();
        assertThat(on.path("schedule").get(0).path("cron").asText()).isNotBlank();
        JsonNode cst = wf.at("/jobs/cst");
        JsonNode scip = wf.at("/jobs/scip");
        assertThat(cst.path("if").asText()).contains("push");
        assertThat(scip.path("if").asText()).contains("schedule");
        assertThat(cst.at("/steps/0/with/fetch-depth").asInt()).isZero();
        checkJobs(commands(cst.path("steps")), commands(scip.path("steps")));
    }

    @Test
    void gitlabPipelineCommandsParseWithTheCli() {
        JsonNode ci = RepoFiles.yaml(RepoFiles.root().resolve("docs/ci/gitlab-ci.yml"));
        assertThat(ci.at("/variables/GIT_DEPTH").asInt()).isZero();
        JsonNode cst = ci.path("codeanatomy-cst");
        JsonNode scip = ci.path("codeanatomy-scip");
        assertThat(cst.at("/rules/0/if").asText()).contains("push");
        assertThat(scip.at("/rules/0/if").asText()).contains("schedule");
        checkJobs(commands(cst), commands(scip));
    }

    /**
     * The push job: cst layers only (a git range, or the whole tree once); the scheduled job: SCIP
     * only.
     */
    static void checkJobs(List<List<String>> push, List<List<String>> schedule) {
        assertThat(push).hasSize(2);
        for (List<String> c : push) {
            checkExtract(c);
            ParseResult e = parse(c).subcommand();
            assertThat(e.hasMatchedOption("--scip-only")).isFalse();
            assertThat(e.hasMatchedOption("--scip-python")).isFalse();
        }
        ParseResult range = parse(push.get(0)).subcommand();
        assertThat(range.hasMatchedOption("--git")).isTrue();
        assertThat(range.hasMatchedOption("--from")).isTrue();
        assertThat(range.hasMatchedOption("--to")).isTrue();
        assertThat(schedule).hasSize(1);
        checkExtract(schedule.get(0));
        ParseResult s = parse(schedule.get(0)).subcommand();
        assertThat(s.hasMatchedOption("--scip-only")).isTrue();
        assertThat(s.hasMatchedOption("--scip-state")).isTrue();
    }

    @Test
    void anUnknownOptionFailsToParse() {
        assertThat(words("extract --git . --from \"$A\" --kafak x:1"))
                .containsExactly("extract", "--git", ".", "--from", "$A", "--kafak", "x:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> parse(words("extract --git . --from A --kafak x:1")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--kafak");
    }
}
