package io.taskscope.cli;

import io.taskscope.sim.SimSettings;
import picocli.CommandLine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses where the simulator's time 0 sits: "now", an ISO-8601 instant ("2026-01-01T00:00:00Z", an offset instead
 * of Z is fine) or seconds since the epoch. Gives epoch nanoseconds, or {@link SimSettings#NOW}.
 */
final class StartTimeOption implements CommandLine.ITypeConverter<Long> {

    /** Far enough from the ends of a long of nanoseconds that simulated hours never wrap. */
    private static final long MAX_SECONDS = 9_000_000_000L;

    @Override
    public Long convert(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return SimSettings.NOW;
        }
        long seconds;
        int nanos = 0;
        try {
            if (t.matches("-?\\d+")) {
                seconds = Long.parseLong(t);
            } else {
                Instant at = t.endsWith("Z") || t.endsWith("z") ? Instant.parse(t.toUpperCase(java.util.Locale.ROOT))
                        : OffsetDateTime.parse(t).toInstant();
                seconds = at.getEpochSecond();
                nanos = at.getNano();
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a start time: use now, an instant like 2026-01-01T00:00:00Z, or epoch seconds");
        }
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new CommandLine.TypeConversionException("'" + text + "' is outside 1970..2255");
        }
        return seconds * 1_000_000_000L + nanos;
    }
}
