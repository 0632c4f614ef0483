package io.taskscope.cli;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each option is declared once, in the mixin every command that takes it uses, so the commands cannot drift apart
 * in name, type, converter or default.
 */
class OptionsDeclaredOnceTest {

    /** Names that mean different things in different commands: each meaning is declared once. */
    private static final Map<String, Set<String>> SAME_NAME_OTHER_MEANING = Map.of(
            // listen's line format (text|jsonl|csv) and export's file format (csv|perfetto)
            "--format", Set.of(ListenCommand.class.getName(), ExportCommand.class.getName()),
            // listeners to define (NAME=CPULIST), and export's choice of one recorded listener (NAME)
            "--listener", Set.of(ListenerOptions.class.getName(), ExportCommand.class.getName()));

    /** The command and each of its subcommands, depth first, without picocli's own help command. */
    static List<CommandSpec> commands(CommandLine root) {
        List<CommandSpec> out = new ArrayList<>();
        out.add(root.getCommandSpec());
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                out.addAll(commands(sub));
            }
        }
        return out;
    }

    /** For each option name (and positional label), the classes whose members declare it, across the commands. */
    static Map<String, Set<String>> declaringClasses(CommandLine root) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (CommandSpec command : commands(root)) {
            for (ArgSpec arg : command.args()) {
                String owner = ((Member) arg.userObject()).getDeclaringClass().getName();
                List<String> names = arg instanceof OptionSpec option ? Arrays.asList(option.names())
                        : List.of("positional " + ((PositionalParamSpec) arg).paramLabel());
                for (String name : names) {
                    out.computeIfAbsent(name, n -> new TreeSet<>()).add(owner);
                }
            }
        }
        return out;
    }

    /** The names declared in more than one place, but for the ones that mean different things. */
    static Map<String, Set<String>> declaredTwice(Map<String, Set<String>> owners) {
        Map<String, Set<String>> out = new TreeMap<>(owners);
        out.values().removeIf(classes -> classes.size() == 1);
        out.entrySet().removeIf(e -> e.getValue().equals(SAME_NAME_OTHER_MEANING.get(e.getKey())));
        return out;
    }

    @Test
    void everyCommandTakesEachOptionFromItsOneDeclaration() {
        Map<String, Set<String>> owners = declaringClasses(TaskscopeCommand.commandLine());
        assertThat(declaredTwice(owners)).isEmpty();
        assertThat(owners.get("--receive-buffer")).containsExactly(SocketReaderOptions.class.getName());
        assertThat(owners.get("--cpus")).containsExactly(SimOptions.class.getName());
        assertThat(owners.get("-o")).containsExactly(OutputOption.class.getName());
        assertThat(owners.get("positional FILE")).containsExactly(SessionFileArgument.class.getName());
    }

    /** A command that keeps its own --receive-buffer instead of mixing in SocketReaderOptions. */
    @Command(name = "redeclares")
    static final class RedeclaresReceiveBuffer {
        @Option(names = "--receive-buffer")
        int receiveBuffer;
    }

    @Test
    void aRedeclaredOptionWouldBeCaught() {
        CommandLine root = TaskscopeCommand.commandLine();
        root.addSubcommand(new RedeclaresReceiveBuffer());
        assertThat(declaredTwice(declaringClasses(root))).containsOnlyKeys("--receive-buffer");
    }

    /** Over every class of the package, used by a command or not yet: one @Option per name. */
    @Test
    void noClassOfTheCommandLineDeclaresAnOptionAnotherDoes() {
        Map<String, Set<String>> owners = new TreeMap<>();
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.taskscope.cli")) {
            Class<?> type = javaClass.reflect();
            Stream.concat(Arrays.stream(type.getDeclaredFields()), Arrays.stream(type.getDeclaredMethods()))
                    .map(member -> ((AccessibleObject) member).getAnnotation(Option.class))
                    .filter(Objects::nonNull)
                    .flatMap(option -> Arrays.stream(option.names()))
                    .forEach(name -> owners.computeIfAbsent(name, n -> new TreeSet<>()).add(type.getName()));
        }
        assertThat(owners).containsKeys("--receive-buffer", "--listener", "--duration", "-o", "--json");
        assertThat(declaredTwice(owners)).isEmpty();
    }
}
