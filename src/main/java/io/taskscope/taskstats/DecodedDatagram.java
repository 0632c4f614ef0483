package io.taskscope.taskstats;

import io.taskscope.core.ExitRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Everything {@link DatagramDecoder} found in one datagram, collected: for tests, tools and low-rate paths. */
public final class DecodedDatagram implements DatagramSink {

    /** An NLMSG_ERROR: errno 0 is an acknowledgement. */
    public record NetlinkError(int errno, long seq) {
    }

    private final List<ExitRecord> records = new ArrayList<>();
    private final List<NetlinkError> errors = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();

    public static DecodedDatagram decode(ByteBuffer datagram, int familyId, int cpu, long receivedNanos) {
        DecodedDatagram out = new DecodedDatagram();
        new DatagramDecoder(familyId).decode(datagram, cpu, receivedNanos, out);
        return out;
    }

    public static DecodedDatagram decode(byte[] datagram, int familyId, int cpu, long receivedNanos) {
        return decode(ByteBuffer.wrap(datagram), familyId, cpu, receivedNanos);
    }

    @Override
    public void record(ExitRecord record) {
        records.add(record);
    }

    @Override
    public void error(int errno, long seq) {
        errors.add(new NetlinkError(errno, seq));
    }

    @Override
    public void malformed(String reason) {
        malformed.add(reason);
    }

    public List<ExitRecord> records() {
        return List.copyOf(records);
    }

    public List<NetlinkError> errors() {
        return List.copyOf(errors);
    }

    public List<String> malformed() {
        return List.copyOf(malformed);
    }
}
