package io.taskscope.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version of Taskscope and of the Java and JavaFX it was built for, from the build's version.properties. */
public final class VersionInfo {

    private VersionInfo() {
    }

    private static final Properties PROPERTIES = load();

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/io/taskscope/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The lines of {@code taskscope --version}. */
    public static String[] lines() {
        return new String[]{
                "taskscope " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "JavaFX " + PROPERTIES.getProperty("javafx.version", "unknown")};
    }
}
