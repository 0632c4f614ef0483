package io.taskscope.ui.base;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {

    @Test
    void remembersWindowSourceAndListeners(@TempDir Path dir) throws Exception {
        Settings s = new Settings();
        s.x = 10;
        s.y = 20;
        s.width = 1500;
        s.height = 900;
        s.dark = true;
        s.welcomed = true;
        s.gridShare = 0.3125;
        s.source = SourceKind.LIVE;
        s.sim = SimSettings.of(Profile.DATABASE, 128, 999, 7, 1);
        s.listeners = ListenerSet.empty().add("x", CpuSet.parse("0-7:2/4", io.taskscope.core.CpulistLimits.forMachine(8))
                .orElseThrow()).add("y", CpuSet.empty());
        Path file = dir.resolve("taskscope/settings.properties");
        s.save(file);
        Settings back = Settings.load(file);
        assertThat(back.x).isEqualTo(10);
        assertThat(back.width).isEqualTo(1500);
        assertThat(back.dark).isTrue();
        assertThat(back.gridShare).isEqualTo(0.3125);
        assertThat(new Settings().gridShare).as("the divider was never dragged").isNaN();
        assertThat(back.welcomed).isTrue();
        assertThat(new Settings().welcomed).as("a first launch gets the introduction").isFalse();
        assertThat(back.source).isEqualTo(SourceKind.LIVE);
        assertThat(back.sim.profile()).isEqualTo(Profile.DATABASE);
        assertThat(back.sim.cpus()).isEqualTo(128);
        assertThat(back.sim.rate()).isEqualTo(999);
        assertThat(back.listeners.listeners()).extracting(l -> l.name() + "=" + l.cpus())
                .containsExactly("x=0-1,4-5", "y=");
    }

    @Test
    void aDamagedFileGivesTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "window.width=banana\nsim.cpus=-3\nlistener.count=1\nlistener.0.name=z\n"
                + "listener.0.cpus=abc\n\\u00");
        Settings back = Settings.load(file);
        assertThat(back.width).isEqualTo(1280);
        Files.writeString(dir.resolve("share.properties"), "grid.share=1.7\n");
        assertThat(Settings.load(dir.resolve("share.properties")).gridShare).as("no share of 170 %").isNaN();
        assertThat(back.sim).isEqualTo(SimSettings.defaults());
    }

    @Test
    void missingFileGivesTheFirstScreen(@TempDir Path dir) {
        Settings s = Settings.load(dir.resolve("nope.properties"));
        assertThat(s.source).isEqualTo(SourceKind.SIM);
        assertThat(s.listeners.size()).isEqualTo(3);
    }
}
