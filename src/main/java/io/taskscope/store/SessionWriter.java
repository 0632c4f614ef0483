package io.taskscope.store;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceState;

import com.github.luben.zstd.Zstd;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32C;

/**
 * Writes a session file (format in the package documentation): frames collect in a chunk, which is compressed and
 * written with its CRC when it is big enough or {@link #flush()} is called; a crash loses at most the open chunk.
 * Not thread-safe: one recording thread owns it.
 */
public final class SessionWriter implements AutoCloseable {

    /** A chunk is written once its raw frames reach this size. */
    public static final int CHUNK_RAW_BYTES = 1 << 20;
    /** Rows per RECORDS frame: columns of a 256-row tile stay in cache while they are written. */
    static final int FRAME_ROWS = 256;
    private static final int ZSTD_LEVEL = 1;

    private final OutputStream out;
    /** What {@code out} writes into: closed without a flush by {@link #abandon()}. */
    private final OutputStream sink;
    private final Bytes raw = new Bytes(CHUNK_RAW_BYTES + (64 << 10));
    private final RecordBlock pending = new RecordBlock(4096);
    private byte[] compressed = new byte[64 << 10];
    private int frames;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private long records;
    private long bytes;
    /** Records and bytes of the header and of the chunks flushed: what a reader finds even if the next write fails. */
    private volatile long recordsKept;
    private volatile long bytesKept;
    private boolean closed;

    private SessionWriter(OutputStream out, OutputStream sink, SessionHeader header) throws IOException {
        this.out = out;
        this.sink = sink;
        writeHeader(header);
    }

    /** A new file, readable by its owner only (it names every user's processes); replaces an existing one. */
    public static SessionWriter create(Path file, SessionHeader header) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        OutputStream sink = Files.newOutputStream(file);
        try {
            return new SessionWriter(new BufferedOutputStream(sink, 1 << 16), sink, header);
        } catch (IOException e) {
            sink.close();
            throw e;
        }
    }

    /** Streams to {@code out} (for {@code record -o -}); closing the writer closes it. */
    public static SessionWriter to(OutputStream out, SessionHeader header) throws IOException {
        return new SessionWriter(out, out, header);
    }

    private void writeHeader(SessionHeader h) throws IOException {
        Bytes tlv = new Bytes(256);
        text(tlv, Frames.TAG_HOST, h.host());
        text(tlv, Frames.TAG_KERNEL, h.kernelRelease());
        number(tlv, Frames.TAG_TASKSTATS_VERSION, h.taskstatsVersion(), 4);
        text(tlv, Frames.TAG_POSSIBLE, h.possibleCpus());
        text(tlv, Frames.TAG_ONLINE, h.onlineCpus());
        text(tlv, Frames.TAG_SOURCE_KIND, h.sourceKind());
        text(tlv, Frames.TAG_SOURCE, h.sourceDescription());
        number(tlv, Frames.TAG_START_EPOCH, h.startEpochNanos(), 8);
        number(tlv, Frames.TAG_START_MONOTONIC, h.startMonotonic(), 8);
        number(tlv, Frames.TAG_NR_CPUS, h.nrCpus(), 4);
        if (h.registered()) { // per-cpu is what a file without the tag means: older readers skip it
            text(tlv, Frames.TAG_LISTENER_MODE, h.listenerMode());
            if (h.listenerCopies()) {
                number(tlv, Frames.TAG_LISTENER_COPIES, 1, 1);
            }
        }
        ByteBuffer b = ByteBuffer.allocate(16 + tlv.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Frames.FILE_MAGIC).putShort((short) SessionHeader.FORMAT_VERSION).putShort((short) 0).putInt(tlv.size());
        b.put(tlv.array(), 0, tlv.size());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        out.write(b.array());
        bytes += b.capacity();
    }

    private static void text(Bytes tlv, int tag, String value) {
        byte[] v = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        tlvHeader(tlv, tag, v.length);
        tlv.bytes(v, 0, v.length);
    }

    private static void number(Bytes tlv, int tag, long value, int width) {
        tlvHeader(tlv, tag, width);
        for (int i = 0; i < width; i++) {
            tlv.u8((int) (value >>> (8 * i)));
        }
    }

    private static void tlvHeader(Bytes tlv, int tag, int length) {
        tlv.u8(tag);
        tlv.u8(tag >>> 8);
        for (int i = 0; i < 4; i++) {
            tlv.u8(length >>> (8 * i));
        }
    }

    /** Adds every row of a batch: a big batch becomes a frame of its own, small ones are gathered first. */
    public void records(RecordBlock block) throws IOException {
        if (block.isEmpty()) {
            return;
        }
        records += block.size();
        if (block.size() >= 1024) {
            emitRecords();
            note(block.receivedNanos(0));
            note(block.receivedNanos(block.size() - 1));
            recordFrame(block);
        } else {
            for (int row = 0; row < block.size(); row++) {
                pending.add(block, row);
                note(block.receivedNanos(row));
            }
            if (pending.size() >= 16_384) {
                emitRecords();
            }
        }
        if (raw.size() >= CHUNK_RAW_BYTES) {
            flush();
        }
    }

    public void loss(LossEvent loss) throws IOException {
        emitRecords();
        Bytes body = new Bytes(32);
        body.i64(loss.timeNanos());
        body.varint(loss.cpu());
        body.zigzag(loss.listenerId());
        body.varint(loss.records());
        body.u8(loss.cause().ordinal());
        frame(Frames.LOSS, body, loss.timeNanos());
    }

    /** The listener definitions from {@code nanos} on: written at the start and at every edit. */
    public void listeners(long nanos, ListenerSet set) throws IOException {
        emitRecords();
        Bytes body = new Bytes(64);
        body.i64(nanos);
        body.varint(set.size());
        for (Listener l : set.listeners()) {
            body.varint(l.id());
            body.str(l.name());
            body.varint(l.rgb());
            body.str(l.cpus().toCpulist());
        }
        frame(Frames.LISTENERS, body, nanos);
    }

    /**
     * Registered mode: each listener's own socket as it stands at {@code nanos}: its settings and what it was sent,
     * got and lost per CPU (written at the start, then as they change, and at the end with the final figures).
     */
    public void sockets(long nanos, java.util.List<io.taskscope.source.RegisteredListenerReport> reports)
            throws IOException {
        emitRecords();
        Bytes body = new Bytes(128);
        body.i64(nanos);
        body.varint(reports.size());
        for (io.taskscope.source.RegisteredListenerReport r : reports) {
            SocketsFrame.write(body, r);
        }
        frame(Frames.SOCKETS, body, nanos);
    }

    /**
     * Registered mode: what the listeners' own sockets received since the last call, after the records of the same
     * batch (a copy's reference comes before it). Frames of at most {@link #COPY_FRAME_ROWS} rows. Written at once,
     * not gathered as small batches of records are: right after their references, zstd finds most of a copy's bytes
     * in them (a registered storm's file: 4.8 MB; with copies gathered like records, 5.8 MB).
     */
    public void copies(io.taskscope.source.ListenerCopies copies) throws IOException {
        RecordBlock rows = copies.records();
        if (rows.isEmpty()) {
            return;
        }
        emitRecords();
        for (int from = 0, to; from < rows.size(); from = to) {
            to = Math.min(rows.size(), from + COPY_FRAME_ROWS);
            if (to < rows.size() && !rows.isPid(to)) {
                to++; // a message's two records share a frame, as in RECORDS
            }
            recordBody.clear();
            CopiesFrame.write(recordBody, copies, from, to);
            // every row's time, before the frame (which may close the chunk): a copy that waited for its
            // reference is placed after newer ones, so the rows are not in time order
            for (int row = from; row < to - 1; row++) {
                note(rows.receivedNanos(row));
            }
            frame(Frames.COPIES, recordBody, rows.receivedNanos(to - 1));
        }
    }

    /** Rows per COPIES frame. */
    static final int COPY_FRAME_ROWS = 4 * FRAME_ROWS;

    public void state(long nanos, SourceState state, String detail) throws IOException {
        emitRecords();
        Bytes body = new Bytes(64);
        body.i64(nanos);
        body.u8(state.ordinal());
        body.str(detail == null ? "" : detail);
        frame(Frames.STATE, body, nanos);
    }

    private void note(long nanos) {
        firstNanos = Math.min(firstNanos, nanos);
        lastNanos = Math.max(lastNanos, nanos);
    }

    private void frame(int type, Bytes body, long nanos) throws IOException {
        note(nanos);
        raw.u8(type);
        raw.varint(body.size());
        raw.bytes(body.array(), 0, body.size());
        frames++;
        if (raw.size() >= CHUNK_RAW_BYTES) {
            flush();
        }
    }

    private final Bytes recordBody = new Bytes(1 << 20);

    private void emitRecords() {
        if (pending.isEmpty()) {
            return;
        }
        recordFrame(pending);
        pending.clear();
    }

    private void recordFrame(RecordBlock block) {
        for (int from = 0, to; from < block.size(); from = to) {
            recordBody.clear();
            to = Math.min(block.size(), from + FRAME_ROWS);
            if (to < block.size() && !block.isPid(to)) {
                to++; // a message's two records share a frame: the reader joins a process total to its thread
            }
            RecordColumns.encode(block, from, to, recordBody, true);
            boolean extended = RecordColumns.needsExtensions(block, from, to);
            if (extended) {
                RecordColumns.encodeExtensions(block, from, to, recordBody);
            }
            raw.u8(extended ? Frames.RECORDS_EXTENDED : Frames.RECORDS_PREDICTED);
            raw.varint(recordBody.size());
            raw.bytes(recordBody.array(), 0, recordBody.size());
            frames++;
        }
    }

    /** Writes the open chunk (if any) and flushes the stream: everything so far survives a crash. */
    public void flush() throws IOException {
        emitRecords();
        if (frames > 0) {
            int bound = (int) Zstd.compressBound(raw.size());
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            long n = Zstd.compressByteArray(compressed, 0, compressed.length, raw.array(), 0, raw.size(), ZSTD_LEVEL);
            if (Zstd.isError(n)) {
                throw new IOException("zstd could not compress a chunk: " + Zstd.getErrorName(n));
            }
            int length = (int) n;
            ByteBuffer h = ByteBuffer.allocate(Frames.CHUNK_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(Frames.CHUNK_MAGIC).putShort((short) Frames.CHUNK_ENCODING).putShort((short) 0)
                    .putInt(length).putInt(raw.size()).putInt(frames).putLong(firstNanos).putLong(lastNanos);
            CRC32C crc = new CRC32C();
            crc.update(h.array(), 0, 36);
            crc.update(compressed, 0, length);
            h.putInt((int) crc.getValue());
            out.write(h.array());
            out.write(compressed, 0, length);
            bytes += Frames.CHUNK_HEADER + length;
            raw.clear();
            frames = 0;
            firstNanos = Long.MAX_VALUE;
            lastNanos = Long.MIN_VALUE;
        }
        out.flush();
        recordsKept = records;
        bytesKept = bytes;
    }

    /** Records written so far (including those in the open chunk). */
    public long recordsWritten() {
        return records;
    }

    /** Bytes written to the file so far (the open chunk not yet included). */
    public long bytesWritten() {
        return bytes;
    }

    /** Records of the chunks written and flushed: what a reader finds in the file even if a later write fails. */
    public long recordsKept() {
        return recordsKept;
    }

    /** The bytes of the header and of the chunks written and flushed. */
    public long bytesKept() {
        return bytesKept;
    }

    /**
     * After a write error: closes the file without writing anything more. A retried write could put a second copy
     * of a half-written chunk after the first; as it is, the file ends in one torn chunk that readers report.
     */
    public void abandon() {
        if (!closed) {
            closed = true;
            try {
                sink.close();
            } catch (IOException alreadyFailed) {
                // the error that made us abandon the file is the one worth telling
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            try {
                flush();
            } catch (IOException e) {
                abandon(); // closing the buffered stream would retry the failed write
                throw e;
            }
            closed = true;
            out.close();
        }
    }
}
