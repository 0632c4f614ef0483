package io.taskscope.export;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.Listener;
import io.taskscope.core.TaskstatsField;
import io.taskscope.taskstats.DecodedDatagram;
import io.taskscope.taskstats.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LineFormatTest {

    private final ExitRecord group = DecodedDatagram.decode(Fixtures.bytes("exit-group-cpu0.hex"), Fixtures.FAMILY_ID,
            0, 0).records().get(0);
    private final Listener listener = new Listener(0, "a \"quoted\", name", 0, CpuSet.of(0));

    @Test
    void jsonlHasTheContractKeysThenEveryKernelField() {
        String line = LineFormat.JSONL.line(listener, group);
        assertThat(line).startsWith("{\"listener\":\"a \\\"quoted\\\", name\",\"cpu\":0,\"kind\":\"pid\",\"id\":2466,\"seq\":4,\"version\":16,");
        for (TaskstatsField f : TaskstatsField.values()) {
            assertThat(line).contains("\"" + f.kernelName() + "\":");
        }
        assertThat(line).contains("\"ac_comm\":\"python3\"").contains("\"ac_exitcode\":1792")
                .contains("\"ac_tgid\":2463").contains("\"irq_delay_min\":0");
        Matcher keys = Pattern.compile("\"([a-z_0-9]+)\":").matcher(line);
        long count = keys.results().count();
        assertThat(count).isEqualTo(6 + TaskstatsField.values().length - 1); // "version" appears once
    }

    @Test
    void csvHeaderAndRowLineUp() {
        String header = LineFormat.CSV.header();
        String row = LineFormat.CSV.line(listener, group);
        assertThat(header).startsWith("listener,cpu,kind,id,seq,version,ac_exitcode,");
        String[] cells = row.substring(row.indexOf("name\",") + 6).split(",", -1);
        assertThat(cells.length + 1).isEqualTo(header.split(",").length);
        assertThat(row).startsWith("\"a \"\"quoted\"\", name\",0,pid,2466,4,16,1792,");
    }

    @Test
    void textIsReadable() {
        String line = LineFormat.TEXT.line(listener, group);
        assertThat(line).contains("cpu 0").contains("pid 2466").contains("tgid 2463").contains("'python3'")
                .contains("exit 7").contains("cpu-delay 4x");
    }

    /**
     * The captured exit of a two-threaded python3's last thread: its PID record, then the process total, whose
     * struct is signal->stats (ac_pid, ac_tgid 0, ac_comm empty): the TGID attribute names it, the PID record
     * gives it a command.
     */
    @Test
    void aProcessTotalCarriesItsIdAndItsLastThreadsCommand() {
        java.util.List<ExitRecord> both = DecodedDatagram.decode(Fixtures.bytes("exit-group-cpu0.hex"),
                Fixtures.FAMILY_ID, 0, 0).records();
        ExitRecord total = both.get(1);
        assertThat(total.kind()).isEqualTo(io.taskscope.core.RecordKind.TGID);
        assertThat(total.get(TaskstatsField.AC_PID)).isZero();
        assertThat(total.comm()).isEmpty();
        assertThat(total.command()).isEqualTo("python3");
        assertThat(total.pid()).isEqualTo(2463);
        assertThat(total.groupMicros()).isEqualTo(both.get(0).get(TaskstatsField.AC_TGETIME));
        assertThat(LineFormat.JSONL.line(listener, total)).contains("\"kind\":\"tgid\",\"id\":2463,")
                .contains("\"ac_pid\":0,").contains("\"ac_comm\":\"\"");
        assertThat(LineFormat.CSV.line(listener, total)).contains(",tgid,2463,4,");
        assertThat(LineFormat.TEXT.line(listener, total)).contains("tgid 2463").contains("'python3'");
    }
}
