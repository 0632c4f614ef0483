package io.taskscope.ui.table;

import io.taskscope.core.ExitRecord;
import io.taskscope.core.RecordKind;
import io.taskscope.core.Taskstats;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowWindowTest {

    private static List<ExitRecord> records(int n, long firstPid) {
        List<ExitRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ExitRecord(RecordKind.PID, i % 4, i, i, firstPid + i, Taskstats.builder().version(16).build()));
        }
        return out;
    }

    @Test
    void aSameSizeRefreshIsReportedAsUpdatesAndAResizeAsAReplace() {
        RowWindow window = new RowWindow();
        List<String> changes = new ArrayList<>();
        window.addListener((ListChangeListener<ExitRecord>) c -> {
            while (c.next()) {
                changes.add(c.wasUpdated() ? "update " + c.getFrom() + "-" + c.getTo()
                        : "replace -" + c.getRemovedSize() + " +" + c.getAddedSize());
            }
        });
        List<ExitRecord> first = records(100, 1_000);
        window.replace(first);
        assertThat(window).containsExactlyElementsOf(first);
        assertThat(changes).containsExactly("replace -0 +100");

        changes.clear();
        List<ExitRecord> second = records(100, 2_000);
        window.replace(second);
        assertThat(window).containsExactlyElementsOf(second);
        assertThat(changes).containsExactly("update 0-100");

        changes.clear();
        window.replace(List.of());
        assertThat(window).isEmpty();
        assertThat(changes).containsExactly("replace -100 +0");
    }
}
