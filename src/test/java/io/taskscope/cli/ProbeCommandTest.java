package io.taskscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.live.Diagnostics;
import io.taskscope.live.ProbeReport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** probe on this machine: whatever it finds, JSON and text say the same, and the exit code follows the verdict. */
class ProbeCommandTest {

    @Test
    void jsonMatchesTheReportAndTheExitCodeFollowsIt() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("probe", "--json");
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(code).isEqualTo(report.get("ok").asBoolean() ? 0 : ListenCommand.EXIT_CANNOT_COLLECT);
        assertThat(report.get("kernel").asText()).isNotBlank();
        assertThat(report.get("checks")).isNotEmpty();
        for (JsonNode check : report.get("checks")) {
            assertThat(check.get("status").asText()).isIn("ok", "info", "warn", "fail");
            if (check.get("status").asText().equals("fail")) {
                assertThat(check.get("fix").asText()).as(check.get("name").asText()).isNotBlank();
            }
        }
        ProbeReport direct = Diagnostics.run();
        if (direct.liveCollectionWorks()) {
            assertThat(report.get("family_id").asInt()).isPositive();
            assertThat(report.get("taskstats_version").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(ProbeCommand.text(direct)).contains("Live collection will work here.");
        } else {
            assertThat(ProbeCommand.text(direct)).contains("fix:");
        }
    }
}
