package io.taskscope.taskstats;

import io.taskscope.core.ExitRecord;

/** Receives what {@link DatagramDecoder} finds in a datagram, in order. */
public interface DatagramSink {

    /** A PID record or TGID aggregate (exit event or query reply). */
    void record(ExitRecord record);

    /**
     * An NLMSG_ERROR message: {@code errno} 0 is an acknowledgement, anything else the (positive) error number the
     * kernel refused the request with.
     *
     * @param seq the sequence number of the request it answers
     */
    default void error(int errno, long seq) {
    }

    /** Bytes that do not make a valid message; the reason says what was wrong and where. */
    void malformed(String reason);
}
