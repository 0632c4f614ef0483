package io.taskscope.store;

import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session file written before v17 support (frames of type 5 with v16's columns), by the Taskscope of commit
 * 6ddf517: {@code record --source sim --profile build --cpus 4 --rate 300 --seed 5 --duration 2s}, beside some
 * columns of what that version's {@code export --format csv} printed for it. Today's reader gives back the same.
 */
class OldSessionFileTest {

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = OldSessionFileTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFormat1FileOfV16RecordsReadsAsItWasWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.tsk");
        Files.write(file, resource("session-v16-format1.tsk"));
        List<String> expected = new String(resource("session-v16-format1.csv"), StandardCharsets.UTF_8).lines().toList();
        String[] header = expected.get(0).split(",");
        RecordBlock all = new RecordBlock(1024);
        try (SessionReader reader = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            reader.readAll(block -> {
                for (int r = 0; r < block.size(); r++) {
                    all.add(block, r);
                }
            });
            assertThat(reader.intact()).isTrue();
        }
        assertThat(all.size()).isEqualTo(expected.size() - 1);
        int groups = 0;
        for (int r = 0; r < all.size(); r++) {
            String[] want = expected.get(r + 1).split(",", -1);
            List<String> got = new ArrayList<>();
            for (String column : header) {
                got.add(switch (column) {
                    case "time_ns" -> Long.toString(all.receivedNanos(r));
                    case "cpu" -> Integer.toString(all.cpu(r));
                    case "kind" -> all.isPid(r) ? "pid" : "tgid";
                    case "seq" -> Long.toString(all.seq(r));
                    case "ac_comm" -> all.comm(r);
                    default -> Long.toUnsignedString(all.get(r, TaskstatsField.byKernelName(column)));
                });
            }
            assertThat(got).as("record %d", r).containsExactly(want);
            for (TaskstatsField f : RecordColumns.EXTENSIONS) {
                assertThat(all.get(r, f)).isZero();
            }
            if (!all.isPid(r)) {
                groups++;
                assertThat(all.command(r)).isNotEmpty(); // joined to its last thread on reading
            }
        }
        assertThat(groups).isPositive();
    }
}
