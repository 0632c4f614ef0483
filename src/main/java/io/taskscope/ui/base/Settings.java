package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What the desktop app remembers between runs, in {@code $XDG_CONFIG_HOME/taskscope/settings.properties}
 * (or {@code ~/.config/...}; the system property {@code taskscope.config.dir} overrides, for tests): window
 * geometry, theme, the grid's divider, the last source with the simulator's settings, and the listeners with their masks.
 * Anything missing or unreadable falls back to the defaults; a damaged file never stops the app.
 */
public final class Settings {

    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = 1280;
    public double height = 800;
    public boolean dark;
    /** View ▸ Include implausible delays. */
    public boolean includeImplausible;
    /** The first-run introduction was dismissed. */
    public boolean welcomed;
    public SourceKind source = SourceKind.SIM;
    public SimSettings sim = SimSettings.defaults();
    public ListenerSet listeners = defaultListeners(64);
    /** The exit table's visible column ids; empty: the table's own defaults. */
    public List<String> tableColumns = List.of();
    public int tableRows = io.taskscope.session.views.RecentExits.DEFAULT_CAPACITY;
    public List<Path> recent = new ArrayList<>();
    /** The live collector's queue bound; 0 for the default. */
    public long liveQueueBytes;
    /** Live gives each listener a socket of its own (registered mode) instead of per-CPU sockets alone. */
    public boolean liveRegistered;
    /** The share of the window the grid may take, where the user dragged its divider; NaN until they have. */
    public double gridShare = Double.NaN;

    /** The first screen: three listeners on three quarters of a 64-CPU machine; the last quarter goes to nobody. */
    public static ListenerSet defaultListeners(int cpus) {
        ListenerSet set = ListenerSet.empty();
        String[] names = {"web", "batch", "db"};
        int quarter = Math.max(1, cpus / 4);
        for (int i = 0; i < 3 && i * quarter < cpus; i++) {
            set = set.add(names[i], CpuSet.range(i * quarter, Math.min(cpus, (i + 1) * quarter) - 1));
        }
        return set;
    }

    public static Path file() {
        String override = System.getProperty("taskscope.config.dir");
        if (override != null) {
            return Path.of(override, "settings.properties");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        // $HOME first, as the XDG spec says: Java's user.home comes from the password file, which for a service user
        // (nobody: /nonexistent) is not where its session keeps its files
        String home = System.getenv("HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".config");
        return base.resolve("taskscope").resolve("settings.properties");
    }

    public static Settings load() {
        return load(file());
    }

    public static Settings load(Path file) {
        Settings s = new Settings();
        if (!Files.isReadable(file)) {
            return s;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return s;
        }
        s.x = number(p, "window.x", Double.NaN);
        s.y = number(p, "window.y", Double.NaN);
        s.width = Math.max(640, number(p, "window.width", s.width));
        s.height = Math.max(400, number(p, "window.height", s.height));
        s.dark = Boolean.parseBoolean(p.getProperty("theme.dark", "false"));
        s.includeImplausible = Boolean.parseBoolean(p.getProperty("views.implausible", "false"));
        s.welcomed = Boolean.parseBoolean(p.getProperty("welcome.seen", "false"));
        s.source = "live".equals(p.getProperty("source")) ? SourceKind.LIVE : SourceKind.SIM;
        Profile profile = Profile.byName(p.getProperty("sim.profile", "build"));
        try {
            s.sim = SimSettings.of(profile == null ? Profile.BUILD : profile, (int) number(p, "sim.cpus", 64),
                    number(p, "sim.rate", Double.NaN), (long) number(p, "sim.seed", 1), 1);
        } catch (IllegalArgumentException e) {
            s.sim = SimSettings.defaults();
        }
        List<Listener> listeners = new ArrayList<>();
        CpulistLimits any = CpulistLimits.forMachine(CpulistLimits.MAX_CPUS);
        for (int i = 0; i < io.taskscope.core.ListenerRouting.MAX_LISTENERS; i++) {
            String name = p.getProperty("listener." + i + ".name");
            if (name == null) {
                break;
            }
            CpulistParse cpus = CpuSet.parse(p.getProperty("listener." + i + ".cpus", ""), any);
            int rgb = (int) number(p, "listener." + i + ".rgb", ListenerSet.colour(i));
            if (cpus.isOk() && !name.isBlank() && listeners.stream().noneMatch(l -> l.name().equals(name))) {
                listeners.add(new Listener(listeners.size(), name, rgb, cpus.orElseThrow()));
            }
        }
        s.liveQueueBytes = (long) Math.max(0, number(p, "live.queue.bytes", 0));
        s.liveRegistered = "registered".equals(p.getProperty("live.listeners"));
        double share = number(p, "grid.share", Double.NaN);
        s.gridShare = share > 0 && share < 1 ? share : Double.NaN;
        s.tableRows = (int) Math.max(100, Math.min(1_000_000, number(p, "table.rows", s.tableRows)));
        for (int i = 0; i < 5; i++) {
            String r = p.getProperty("recent." + i);
            if (r != null && !r.isBlank()) {
                s.recent.add(Path.of(r));
            }
        }
        String columns = p.getProperty("table.columns");
        if (columns != null && !columns.isBlank()) {
            s.tableColumns = List.of(columns.split(","));
        }
        if (p.containsKey("listener.count")) {
            s.listeners = ListenerSet.of(listeners);
        }
        return s;
    }

    private static double number(Properties p, String key, double fallback) {
        try {
            String v = p.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void save() throws IOException {
        save(file());
    }

    public void save(Path file) throws IOException {
        Properties p = new Properties();
        if (!Double.isNaN(x)) {
            p.setProperty("window.x", fmt(x));
            p.setProperty("window.y", fmt(y));
        }
        p.setProperty("window.width", fmt(width));
        p.setProperty("window.height", fmt(height));
        p.setProperty("theme.dark", Boolean.toString(dark));
        p.setProperty("views.implausible", Boolean.toString(includeImplausible));
        p.setProperty("welcome.seen", Boolean.toString(welcomed));
        p.setProperty("source", source.cliName());
        p.setProperty("sim.profile", sim.profile().cliName());
        p.setProperty("sim.cpus", Integer.toString(sim.cpus()));
        p.setProperty("sim.rate", fmt(sim.rate()));
        p.setProperty("sim.seed", Long.toString(sim.seed()));
        p.setProperty("table.columns", String.join(",", tableColumns));
        p.setProperty("table.rows", Integer.toString(tableRows));
        p.setProperty("live.listeners", liveRegistered ? "registered" : "per-cpu");
        if (liveQueueBytes > 0) {
            p.setProperty("live.queue.bytes", Long.toString(liveQueueBytes));
        }
        if (Double.isFinite(gridShare)) {
            p.setProperty("grid.share", String.format(Locale.ROOT, "%.4f", gridShare));
        }
        for (int i = 0; i < Math.min(5, recent.size()); i++) {
            p.setProperty("recent." + i, recent.get(i).toString());
        }
        p.setProperty("listener.count", Integer.toString(listeners.size()));
        int i = 0;
        for (Listener l : listeners.listeners()) {
            p.setProperty("listener." + i + ".name", l.name());
            p.setProperty("listener." + i + ".cpus", l.cpus().toCpulist());
            p.setProperty("listener." + i + ".rgb", Integer.toString(l.rgb()));
            i++;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "Taskscope settings");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
