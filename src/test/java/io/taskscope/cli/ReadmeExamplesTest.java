package io.taskscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Every command example in README.md parses with the command line as built, so the docs cannot drift from it. */
class ReadmeExamplesTest {

    /**
     * A command that runs Taskscope: {@code taskscope ARGS}, {@code …/bin/taskscope ARGS} or {@code java [options]
     * -jar …taskscope.jar ARGS}, possibly after sudo, xvfb-run -a or VAR=value (not "taskscope" as an argument).
     */
    private static final Pattern INVOCATION = Pattern.compile("^(?:sudo\\s+|xvfb-run\\s+-a\\s+|\\w+=\\S+\\s+)*"
            + "(?:\\S*/)?(?:taskscope|java(?:\\s+-\\S+)*\\s+-jar\\s+\\S*taskscope\\.jar)(?=\\s|$)(.*)$");

    static List<String> examples(String readme) {
        List<String> out = new ArrayList<>();
        String pending = "";
        boolean fenced = false;
        for (String line : readme.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            boolean code = fenced || line.startsWith("    ");
            if (!code) {
                pending = "";
                continue;
            }
            String text = pending + line.strip();
            if (text.endsWith("\\")) {
                pending = text.substring(0, text.length() - 1) + " ";
                continue;
            }
            pending = "";
            for (String command : text.split("&&|\\|")) { // each command of a pipeline or a chain
                Matcher m = INVOCATION.matcher(command.strip());
                if (m.find() && !command.contains("mvn ")) {
                    out.add(m.group(1).replaceAll("\\s#.*$", "").replaceAll("\\s[12]?>.*$", "").strip());
                }
            }
        }
        return out;
    }

    @Test
    void everyExampleParses() throws Exception {
        List<String> examples = examples(Files.readString(Path.of("README.md")));
        assertThat(examples).as("README examples found").hasSizeGreaterThan(15)
                .anyMatch(e -> e.startsWith("export ")).anyMatch(e -> e.startsWith("gui "));
        for (String example : examples) {
            String[] args = example.isEmpty() ? new String[0] : example.split("\\s+");
            try {
                CommandLine.ParseResult parsed = TaskscopeCommand.commandLine().parseArgs(args);
                assertThat(parsed).isNotNull();
            } catch (CommandLine.ParameterException e) {
                fail("README example 'taskscope " + example + "' does not parse: " + e.getMessage());
            }
        }
    }

    @Test
    void aBrokenExampleWouldBeCaught() {
        List<String> found = examples("Try:\n\n    sudo taskscope listen --no-such-option 3 > out.txt\n");
        assertThat(found).containsExactly("listen --no-such-option 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskscopeCommand.commandLine()
                .parseArgs(found.get(0).split("\\s+"))).isInstanceOf(CommandLine.ParameterException.class);
    }
}
