package io.taskscope.cli;

import io.taskscope.sim.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --profile NAME}: the simulator's workload. Null when not given; {@link #orDefault()} is build. */
final class ProfileOption {

    static final String DEFAULT = "build";

    @Option(names = "--profile", paramLabel = "${bundle:profile.label:-NAME}", converter = Converter.class,
            description = "Sim: workload, one of desktop, build, fork-storm, database, memory-pressure, "
                    + "container-host. Default: " + DEFAULT + ".")
    Profile profile;

    Profile orDefault() {
        return profile != null ? profile : Profile.byName(DEFAULT);
    }

    static final class Converter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            Profile p = Profile.byName(value);
            if (p == null) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a profile: use one of "
                        + Profile.names());
            }
            return p;
        }
    }
}
