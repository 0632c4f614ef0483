package io.taskscope.ui.source;

import java.util.Optional;

/**
 * Whether typed text may be handed to ssh as the destination. ssh takes an argument beginning with '-' as an
 * option wherever it stands before the destination ({@code -oProxyCommand=…} runs a local command), so such a host
 * is refused even though the command also ends ssh's options with {@code --}; spaces and control characters are
 * never part of a host name or ssh_config alias.
 */
public final class RemoteHost {
    private RemoteHost() {
    }

    /** Why {@code host} cannot be an ssh destination; empty when it can. */
    public static Optional<String> problem(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.of("Type a host: user@host, host or an alias from ~/.ssh/config.");
        }
        if (host.startsWith("-")) {
            return Optional.of("A host cannot begin with '-': ssh would read it as an option.");
        }
        if (host.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c))) {
            return Optional.of("A host has no spaces or control characters.");
        }
        return Optional.empty();
    }
}
