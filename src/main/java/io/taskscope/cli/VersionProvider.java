package io.taskscope.cli;

import io.taskscope.core.VersionInfo;
import picocli.CommandLine;

/** {@code taskscope --version}: the build's version lines, which the app's About box shows too. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return VersionInfo.lines();
    }
}
