package io.taskscope.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses "500ms", "10s", "2m", "1h", "1d" (and a bare number of seconds). */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    @Override
    public Duration convert(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration like 500ms, 10s, 2m or 1h");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "s" -> value * 1e3;
            case "m", "min" -> value * 60e3;
            case "d" -> value * 86_400e3;
            default -> value * 3600e3;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
