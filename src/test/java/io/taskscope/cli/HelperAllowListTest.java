package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.ListenerRouting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The privileged helper's allow-list: only the live collection to stdout, with listeners, gets through. */
class HelperAllowListTest {

    /** A 4-CPU machine: CPUs 0-3. */
    private static final CpulistLimits FOUR = CpulistLimits.forMachine(4);
    private static final CpuSet FOUR_CPUS = CpuSet.range(0, 3);

    private static HelperAllowList.Decision decide(List<String> args) {
        return HelperAllowList.decide(args, FOUR_CPUS, FOUR);
    }

    private static HelperAllowList.Decision decide(String... args) {
        return decide(List.of(args));
    }

    private static HelperAllowList.Accepted accepted(String... args) {
        HelperAllowList.Decision d = decide(args);
        assertThat(d).isInstanceOf(HelperAllowList.Accepted.class);
        return (HelperAllowList.Accepted) d;
    }

    @Test
    void theCollectionCommandIsAcceptedAsIs() {
        HelperAllowList.Accepted a = accepted("record", "--source", "live", "-o", "-");
        assertThat(a.listeners()).isEmpty();
        assertThat(a.command()).containsExactly("record", "--source", "live", "-o", "-");
    }

    @Test
    void listenersInEitherSpellingAndOptionsInAnyOrderAreAccepted() {
        HelperAllowList.Accepted a = accepted("record", "--listener", "web=0-1", "-o", "-",
                "--listener=db = 2,3", "--source", "live", "--listener", "none=");
        assertThat(a.listeners()).containsExactly(new ListenerOption("web", "0-1"),
                new ListenerOption("db", " 2,3"), new ListenerOption("none", ""));
        assertThat(a.command()).containsExactly("record", "--source", "live", "-o", "-",
                "--listener=web=0-1", "--listener=db= 2,3", "--listener=none=");
    }

    /** What runs is what was accepted: picocli reads the rebuilt line back as the same listeners, odd names too. */
    @Test
    void theRebuiltCommandMeansToRecordWhatWasAccepted() {
        HelperAllowList.Accepted a = accepted("record", "--source", "live", "-o", "-", "--listener", "@etc=0",
                "--listener", "a-o=1", "--listener", "x --source=2-3");
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setExpandAtFiles(false);
        CommandLine.ParseResult parsed = cli.parseArgs(a.command().toArray(String[]::new));
        RecordCommand record = (RecordCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(record.source.kind.kind).isEqualTo(io.taskscope.source.SourceKind.LIVE);
        assertThat(record.output.file).isEqualTo("-");
        assertThat(record.listeners.given).containsExactlyElementsOf(a.listeners());
        assertThat(record.listeners.given).extracting(ListenerOption::name).containsExactly("@etc", "a-o", "x --source");
    }

    /** The window may send masks of a bigger simulated machine: they are cut to this one, as its session cuts them. */
    @Test
    void masksBeyondTheMachineAreCutToIt() {
        HelperAllowList.Accepted a = accepted("record", "--source", "live", "-o", "-", "--listener", "web=0-15",
                "--listener", "db=16-31", "--listener", "last=N", "--listener", "odd=1-63:1/2");
        assertThat(a.listeners()).containsExactly(new ListenerOption("web", "0-3"), new ListenerOption("db", ""),
                new ListenerOption("last", "N"), new ListenerOption("odd", "1,3"));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(List.of(), "no command given"),
                Arguments.of(List.of("gui"), "'gui' is not the collection command"),
                Arguments.of(List.of("stats", "x"), "'stats' is not the collection command"),
                Arguments.of(List.of("--help"), "'--help' is not the collection command"),
                Arguments.of(List.of("listen", "--source", "live"), "'listen' is not the collection command"),
                Arguments.of(List.of("record", "--source", "live", "-o", "/etc/passwd"),
                        "-o '/etc/passwd': the helper writes only to its standard output"),
                Arguments.of(List.of("record", "--source", "live", "--output", "-"), "'--output' is not allowed"),
                Arguments.of(List.of("record", "--source", "live", "-o"), "-o (missing)"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "-o", "-"), "-o is given twice"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--some-unknown"),
                        "'--some-unknown' is not allowed"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--duration", "1s"),
                        "'--duration' is not allowed"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--help"), "'--help' is not allowed"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "@/etc/shadow"),
                        "'@/etc/shadow' is not allowed"),
                Arguments.of(List.of("record", "--source=live", "-o", "-"), "'--source=live' is not allowed"),
                Arguments.of(List.of("record", "--source", "sim", "-o", "-"), "--source 'sim': only live"),
                Arguments.of(List.of("record", "--source", "live", "--source", "live", "-o", "-"),
                        "--source is given twice"),
                Arguments.of(List.of("record", "-o", "-"), "--source live must be given"),
                Arguments.of(List.of("record", "--source", "live"), "-o - must be given"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener"),
                        "--listener needs NAME=CPULIST"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "bad"),
                        "--listener bad: not NAME=CPULIST"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "@/etc/shadow"),
                        "not NAME=CPULIST"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", " =0"), "needs a name"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "-o=0"),
                        "a name cannot begin with '-'"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener= --source=0"),
                        "a name cannot begin with '-'"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "a=0-8192"), "ERANGE"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "a=3-1"), "EINVAL"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "a=0-" + "9".repeat(11)),
                        "EOVERFLOW"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "a=x"), "EINVAL"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener=a=0", "--listener", "a=1"),
                        "the name is used twice"),
                Arguments.of(List.of("record", "--source", "live", "-o", "-", "--listener", "a\u001b[2J=0"),
                        "control characters are not allowed"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(List<String> args, String why) {
        HelperAllowList.Decision d = decide(args);
        assertThat(d).isInstanceOf(HelperAllowList.Refused.class);
        String reason = ((HelperAllowList.Refused) d).reason();
        assertThat(reason).contains(why).contains(HelperAllowList.ALLOWED);
        assertThat(reason.chars()).noneMatch(Character::isISOControl); // never echoes an escape to the terminal
    }

    @Test
    void atMostTheKernelsListenerCountIsAccepted() {
        List<String> args = new ArrayList<>(List.of("record", "--source", "live", "-o", "-"));
        for (int i = 0; i < ListenerRouting.MAX_LISTENERS; i++) {
            args.add("--listener=l" + i + "=0");
        }
        assertThat(decide(args)).isInstanceOf(HelperAllowList.Accepted.class);
        args.add("--listener=one-more=0");
        assertThat(decide(args)).isInstanceOfSatisfying(HelperAllowList.Refused.class,
                r -> assertThat(r.reason()).contains("at most " + ListenerRouting.MAX_LISTENERS));
    }
}
