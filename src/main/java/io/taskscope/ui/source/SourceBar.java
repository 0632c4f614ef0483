package io.taskscope.ui.source;

import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.base.LazyTooltip;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/** Where records come from: simulator (profile, CPUs, rate, seed; apply, pause), live, or a recording. */
public final class SourceBar extends HBox {

    private final ToggleButton simButton = new ToggleButton("Simulator");
    private final ToggleButton liveButton = new ToggleButton("Live");
    private final ToggleButton recordingButton = new ToggleButton("Recording");
    /**
     * Choice boxes, not combo boxes: a ComboBox's skin makes its popup's ListView up front, styled with the window,
     * and the two here were nearly a tenth of the FX thread's work before the first frame (JFR samples of start-up).
     */
    private final ChoiceBox<Profile> profile = new ChoiceBox<>();
    private final Spinner<Integer> cpus = new Spinner<>(1, SimSettings.MAX_CPUS, 64);
    private final TextField rate = new TextField();
    private final TextField seed = new TextField("1");
    private final Button apply = new Button("Apply");
    private final ToggleButton pause = new ToggleButton("Pause");
    private final Label problem = new Label();
    private final HBox simControls;
    /** Live: how listeners are served, per-CPU sockets routed in user space, or a socket of their own each. */
    private final ChoiceBox<String> liveMode = new ChoiceBox<>();
    private final HBox liveControls;
    private java.util.function.Consumer<Boolean> onLiveMode = registered -> { };
    static final String PER_CPU = "per-CPU sockets";
    static final String REGISTERED = "as registered: a socket per listener";
    private final Button diagnostics = new Button("Diagnostics…");
    private final ToggleButton record = new ToggleButton("● Record");
    private final BiConsumer<SourceKind, SimSettings> onSwitch;
    private SourceKind shown = SourceKind.SIM;
    private final Runnable onOpen;
    private final ChoiceBox<Double> speed = new ChoiceBox<>();
    private final ToggleButton replayPause = new ToggleButton("Pause");
    private final Label replayFile = new Label();
    private final javafx.scene.control.Slider timeline = new javafx.scene.control.Slider(0, 1, 0);
    private final Label replayAt = new Label();
    private final Button step = new Button("Step 1 s");
    private boolean userSeeking;
    private final HBox replayControls;
    /** Where the keyboard goes once a source button has done its work (the grid). */
    private Runnable focusHome = () -> { };

    public SourceBar(BiConsumer<SourceKind, SimSettings> onSwitch, Runnable onPause, Runnable onDiagnostics, Runnable onOpen,
              java.util.function.DoubleConsumer onSpeed, java.util.function.DoubleConsumer onSeek, Runnable onStep) {
        this.onSwitch = onSwitch;
        this.onOpen = onOpen;
        getStyleClass().add("source-bar");
        setSpacing(8);
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);

        simButton.setId("source-sim");
        liveButton.setId("source-live");
        recordingButton.setId("source-recording");
        LazyTooltip.set(recordingButton, "Replay a session file (Ctrl+O)");
        recordingButton.setOnAction(e -> {
            recordingButton.setSelected(shown == SourceKind.REPLAY);
            onOpen.run();
        });
        SegmentedButton kinds = new SegmentedButton(simButton, liveButton, recordingButton);
        for (ToggleButton b : List.of(simButton, liveButton, recordingButton, record)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        simButton.setSelected(true);
        simButton.setOnAction(e -> choose(SourceKind.SIM));
        liveButton.setOnAction(e -> choose(SourceKind.LIVE));

        profile.getItems().addAll(Profile.values());
        profile.setId("sim-profile");
        profile.setConverter(new StringConverter<>() {
            @Override
            public String toString(Profile p) {
                return p == null ? "" : p.cliName();
            }

            @Override
            public Profile fromString(String s) {
                return Profile.byName(s);
            }
        });
        profile.setValue(Profile.BUILD);
        LazyTooltip.set(profile, "Workload of the simulated machine");
        profile.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                rate.setPromptText(String.format(Locale.ROOT, "%.0f", n.defaultRate()));
            }
        });
        cpus.setEditable(true);
        cpus.setPrefWidth(90);
        cpus.setMinWidth(80); // four digits and the arrows, whatever the window's width
        cpus.setId("sim-cpus");
        rate.setPrefColumnCount(6);
        rate.setPromptText("3000");
        LazyTooltip.set(rate, "Exits per second for the whole machine (empty: the profile's)");
        seed.setPrefColumnCount(4);
        LazyTooltip.set(seed, "The same seed gives the same records");
        apply.setId("sim-apply");
        LazyTooltip.set(apply, "Start the simulator with these settings, from its first record (Ctrl+R)");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> applySim());
        pause.setOnAction(e -> onPause.run());
        LazyTooltip.set(pause, "Pause or resume the simulator (Ctrl+P)");
        problem.getStyleClass().add("cpulist-error");
        // the buttons keep their words ("Apply", not "…"); the number fields give way first
        apply.setMinWidth(Region.USE_PREF_SIZE);
        pause.setMinWidth(Region.USE_PREF_SIZE);
        rate.setMinWidth(48);
        seed.setMinWidth(32);
        simControls = new HBox(6, label("profile"), profile, label("CPUs"), cpus, label("exits/s"), rate,
                label("seed"), seed, apply, pause, problem);
        simControls.setAlignment(Pos.CENTER_LEFT);
        liveMode.setId("live-mode");
        liveMode.getItems().addAll(PER_CPU, REGISTERED);
        liveMode.setValue(PER_CPU);
        LazyTooltip.set(liveMode, "Per-CPU sockets: one socket per CPU, listeners routed from them exactly.\n"
                + "As registered: each listener also gets a netlink socket of its own on its cpumask, with its buffer "
                + "and reader pace, and loses what the kernel drops for it alone.");
        liveMode.setOnAction(e -> {
            if (shown == SourceKind.LIVE) {
                onLiveMode.accept(registeredMode());
            }
        });
        liveControls = new HBox(6, label("listeners on"), liveMode);
        liveControls.setAlignment(Pos.CENTER_LEFT);
        speed.getItems().addAll(0.25, 0.5, 1.0, 2.0, 4.0, 16.0, 64.0);
        speed.setValue(1.0);
        speed.setId("replay-speed");
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : "×" + (v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v));
            }

            @Override
            public Double fromString(String s) {
                return Double.parseDouble(s.replace("×", ""));
            }
        });
        speed.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                onSpeed.accept(n);
            }
        });
        replayPause.setOnAction(e -> onPause.run());
        timeline.setId("replay-timeline");
        timeline.setPrefWidth(220);
        LazyTooltip.set(timeline, "Drag to seek in the recording");
        timeline.valueChangingProperty().addListener((obs, was, is) -> {
            userSeeking = is;
            if (!is) {
                onSeek.accept(timeline.getValue());
            }
        });
        timeline.setOnMouseClicked(e -> onSeek.accept(timeline.getValue()));
        LazyTooltip.set(step, "While paused: play one recorded second");
        step.setOnAction(e -> onStep.run());
        step.setId("replay-step");
        replayPause.setId("replay-pause");
        replayAt.setId("replay-position");
        replayAt.getStyleClass().add("field-label");
        // At 1280 px a long file name or the slider gives way first: buttons and the position are never cut
        for (Region r : List.of(speed, replayPause, step, replayAt, diagnostics)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        // At 1024 px too: the slider and the file name give way down to what still reads, so the row never grows
        // wider than the window (it would push the whole window's content off both edges)
        timeline.setMinWidth(60);
        replayFile.setMinWidth(48);
        replayFile.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        replayControls = new HBox(6, replayFile, label("speed"), speed, replayPause, step, timeline, replayAt);
        replayControls.setAlignment(Pos.CENTER_LEFT);
        diagnostics.setOnAction(e -> onDiagnostics.run());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        record.setId("record");
        record.getStyleClass().add("record-button");
        LazyTooltip.set(record, "Record whatever the source produces into a session file (Ctrl+Shift+R)");
        // Only the shown source's group is in the bar (show() swaps it): a hidden group was styled and skinned all the
        // same, before the first frame, which the replay's slider and speed box and live's mode box made dearer
        getChildren().addAll(label("Source"), kinds, simControls, spring, record, diagnostics);
        // Narrower than its controls, the bar cuts its right end: its minimum would otherwise widen the whole window's
        // content past the window, cutting both edges of everything (the menu's "File" included)
        setMinWidth(0);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        l.setMinWidth(Region.USE_PREF_SIZE); // a field's name is never cut to "…"
        return l;
    }

    private void choose(SourceKind kind) {
        if (kind == SourceKind.SIM) {
            applySim();
        } else {
            onSwitch.accept(SourceKind.LIVE, null);
        }
    }

    /** The struct version the simulator was started with (gui --taskstats-version), kept across Apply. */
    private int taskstatsVersion = 16;

    public void applySim() {
        SimSettings settings = simSettings();
        if (settings != null) {
            onSwitch.accept(SourceKind.SIM, settings);
        }
    }

    /** The simulator settings typed in, or null (with the reason shown) when they make no sense. */
    SimSettings simSettings() {
        try {
            double r = rate.getText().isBlank() ? Double.NaN : Double.parseDouble(rate.getText().strip());
            long s = Long.parseLong(seed.getText().strip());
            int n = Integer.parseInt(cpus.getEditor().getText().strip());
            SimSettings settings = SimSettings.of(profile.getValue(), n, r, s, 1).withTaskstatsVersion(taskstatsVersion);
            problem.setText("");
            return settings;
        } catch (NumberFormatException e) {
            problem.setText("CPUs, exits/s and seed must be numbers");
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
        return null;
    }

    /**
     * Where the keyboard goes after a switch: a source button keeps no focus ring once the source runs (the ring
     * stayed on "Simulator", where Space would restart it).
     */
    public void setFocusHome(Runnable home) {
        focusHome = home;
    }

    /** Shows which source is running (after a switch, or a refused one). */
    public void show(SourceKind kind, SimSettings settings) {
        handFocusHome();
        shown = kind;
        simButton.setSelected(kind == SourceKind.SIM);
        liveButton.setSelected(kind == SourceKind.LIVE);
        recordingButton.setSelected(kind == SourceKind.REPLAY);
        simControls.setDisable(kind != SourceKind.SIM);
        boolean replay = kind == SourceKind.REPLAY;
        boolean live = kind == SourceKind.LIVE;
        showGroup(replay ? replayControls : live ? liveControls : simControls);
        replayPause.setSelected(false);
        if (settings != null) {
            profile.setValue(settings.profile());
            cpus.getValueFactory().setValue(settings.cpus());
            rate.setText(settings.rate() == settings.profile().defaultRate() ? ""
                    : String.format(Locale.ROOT, "%.0f", settings.rate()));
            seed.setText(Long.toString(settings.seed()));
            taskstatsVersion = settings.taskstatsVersion();
        }
        pause.setSelected(false);
    }

    /** Puts {@code group} where the source's controls stand, in place of the group there. */
    private void showGroup(HBox group) {
        for (HBox other : List.of(simControls, liveControls, replayControls)) {
            int at = getChildren().indexOf(other);
            if (at >= 0 && other != group) {
                getChildren().set(at, group);
                return;
            }
        }
    }

    /** Only when the focus is on a source button, or nowhere (the first switch): typing elsewhere is left alone. */
    private void handFocusHome() {
        javafx.scene.Node owner = getScene() == null ? null : getScene().getFocusOwner();
        if (owner == null || owner == simButton || owner == liveButton || owner == recordingButton || owner == apply) {
            focusHome.run();
        }
    }

    /** Shows whether the source holds still: the button then offers what a press does next (Play). */
    public void setPaused(boolean paused) {
        for (ToggleButton b : new ToggleButton[]{pause, replayPause}) {
            b.setSelected(paused);
            b.setText(paused ? "▶ Play" : "Pause");
        }
    }

    /** A replay played to its end: its button plays it again from the start, and there is nothing to step. */
    public void showReplayEnded(boolean ended) {
        replayPause.setSelected(false);
        replayPause.setText(ended ? "↻ Replay" : "Pause");
        step.setDisable(ended);
    }

    /** Whether live serves each listener a socket of its own (the choice shown, applied at the next switch to live). */
    public boolean registeredMode() {
        return REGISTERED.equals(liveMode.getValue());
    }

    /** Shows the live mode in force (after a switch, or from the settings). */
    public void showRegisteredMode(boolean registered) {
        liveMode.setValue(registered ? REGISTERED : PER_CPU);
    }

    /** Called with the mode chosen while live runs (the live source is then started again in that mode). */
    public void setOnLiveMode(java.util.function.Consumer<Boolean> action) {
        onLiveMode = action;
    }

    public ToggleButton recordButton() {
        return record;
    }

    /** Where the replay is: a fraction of the recording and a label such as "12.0 s of 60.0 s". */
    public void showReplayPosition(double fraction, String text) {
        if (!userSeeking) {
            timeline.setValue(Math.max(0, Math.min(1, fraction)));
        }
        replayAt.setText(text);
    }

    public void showReplayFile(String name) {
        replayFile.setText(name);
        LazyTooltip.set(replayFile, name);
    }

    public double replaySpeed() {
        return speed.getValue() == null ? 1 : speed.getValue();
    }

    SourceKind shown() {
        return shown;
    }
}
