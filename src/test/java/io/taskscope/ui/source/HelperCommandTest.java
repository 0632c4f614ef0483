package io.taskscope.ui.source;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pkexec and ssh commands the window starts. */
class HelperCommandTest {

    private static final ListenerSet LISTENERS = ListenerSet.empty().add("web", CpuSet.range(0, 3))
            .add("idle", CpuSet.empty());

    @AfterEach
    void noAppImage() {
        System.clearProperty("jpackage.app-path");
    }

    @Test
    void fromTheAppImagePkexecRunsTheInstalledHelperWithTheWindowsListeners() {
        System.setProperty("jpackage.app-path", "/opt/taskscope/bin/taskscope");
        assertThat(HelperCommand.pkexec(LISTENERS)).containsExactly("pkexec", "/opt/taskscope/bin/taskscope-helper",
                "record", "--source", "live", "-o", "-", "--listener=web=0-3", "--listener=idle=");
        assertThat(HelperCommand.self()).containsExactly("/opt/taskscope/bin/taskscope");
    }

    @Test
    void inDevelopmentPkexecRunsThisJavaWithTheHelpersMainClass() throws Exception {
        List<String> command = HelperCommand.pkexec(ListenerSet.empty());
        assertThat(command.subList(2, command.size())).containsExactly("-cp", System.getProperty("java.class.path"),
                HelperCommand.HELPER_MAIN, "record", "--source", "live", "-o", "-");
        assertThat(Path.of(command.get(1))).isAbsolute(); // pkexec looks nothing up on a PATH it resets
        // the name in ui (which may not import it) is the entry point's
        assertThat(Class.forName(HelperCommand.HELPER_MAIN).getMethod("main", String[].class)).isNotNull();
        assertThat(HelperCommand.self()).contains("io.taskscope.Launcher");
    }

    @Test
    void sshEndsItsOptionsBeforeTheHost() {
        assertThat(HelperCommand.ssh("me@box")).containsExactly("ssh", "-o", "BatchMode=yes", "--", "me@box",
                "taskscope record --source live -o -");
    }

    @Test
    void sshIsNeverGivenAHostItWouldReadAsAnOption() {
        for (String host : List.of("-oProxyCommand=touch /tmp/pwned", "-oProxyCommand=id", "-G", "")) {
            assertThatThrownBy(() -> HelperCommand.ssh(host)).as(host).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void hostsThatAreNotDestinationsAreRefusedWithAReason() {
        assertThat(RemoteHost.problem("-oProxyCommand=touch x")).hasValueSatisfying(p -> assertThat(p)
                .contains("cannot begin with '-'"));
        for (String host : List.of("box name", "box\tname", "box\nname", "box\u0000", "box\u00a0", "box\u2003")) {
            assertThat(RemoteHost.problem(host)).as(host).hasValueSatisfying(p -> assertThat(p)
                    .contains("no spaces or control characters"));
        }
        assertThat(RemoteHost.problem("")).hasValueSatisfying(p -> assertThat(p).contains("Type a host"));
        for (String host : List.of("box", "me@box.example.org", "ssh://me@box:2222", "me@[::1]", "x-1")) {
            assertThat(RemoteHost.problem(host)).as(host).isEmpty();
        }
    }

    /** This machine's ssh reads the command as meant (-G prints the configuration it would use, connecting nowhere). */
    @Test
    void sshTakesTheCommandAsMeant() throws IOException, InterruptedException {
        assumeTrue(onPath("ssh"), "no ssh here");
        List<String> command = new ArrayList<>(HelperCommand.ssh("me@box.invalid"));
        command.add(1, "-G");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines()).contains("hostname box.invalid", "user me", "batchmode yes");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
