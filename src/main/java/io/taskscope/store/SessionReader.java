package io.taskscope.store;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceState;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads session files written by {@link SessionWriter}, whatever happened to them: a file cut anywhere gives every
 * complete chunk and reports the torn tail; a damaged chunk fails its CRC, is reported with its offset and skipped
 * (the scan resynchronises on the next chunk header); nothing damaged is ever decoded. Untrusted input never throws
 * out of here except as {@link IOException} for the file itself.
 */
public final class SessionReader implements AutoCloseable {

    /** Something found wrong in the file, at a byte offset. */
    public record Damage(long offset, String reason) {
    }

    /** Where a chunk is, and the span of time it covers. */
    public record ChunkInfo(long offset, int length, int rawLength, int frames, long firstNanos, long lastNanos) {
    }

    /** Receives the frames of the chunks read, in file order. */
    public interface FrameVisitor {
        void records(RecordBlock block);

        default void loss(LossEvent loss) {
        }

        default void listeners(long nanos, ListenerSet set) {
        }

        default void state(long nanos, SourceState state, String detail) {
        }

        /** Registered mode: each listener's own socket as it stood at {@code nanos} (see the SOCKETS frame). */
        default void sockets(long nanos, List<io.taskscope.source.RegisteredListenerReport> reports) {
        }

        /** Registered mode: copies the listeners' own sockets received (see the COPIES frame). */
        default void copies(io.taskscope.source.ListenerCopies copies) {
        }
    }

    /** The outcome of opening: a session, or why this is not one. */
    public sealed interface Opened permits Session, NotASession {
    }

    public record Session(SessionReader reader) implements Opened {
    }

    public record NotASession(String reason) implements Opened {
    }

    private final FileChannel channel;
    private final SessionHeader header;
    private final List<ChunkInfo> chunks = new ArrayList<>();
    private final List<Damage> damage = new ArrayList<>();
    private Damage tornTail;

    private SessionReader(FileChannel channel, SessionHeader header, long firstChunk) throws IOException {
        this.channel = channel;
        this.header = header;
        scan(firstChunk);
    }

    public static Opened open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer fixed = read(ch, 0, 16);
            if (fixed.remaining() < 16 || !magic(fixed)) {
                ch.close();
                return new NotASession(file + " is not a Taskscope session file (no TSKSCOPE signature)");
            }
            int version = fixed.getShort(8) & 0xFFFF;
            long tlvLength = fixed.getInt(12) & 0xFFFF_FFFFL;
            if (tlvLength > (1 << 20) || 16 + tlvLength + 4 > ch.size()) {
                ch.close();
                return new NotASession(file + ": the session header is cut short or damaged");
            }
            ByteBuffer all = read(ch, 0, (int) (16 + tlvLength + 4));
            CRC32C crc = new CRC32C();
            crc.update(all.array(), 0, (int) (16 + tlvLength));
            if ((int) crc.getValue() != all.getInt((int) (16 + tlvLength))) {
                ch.close();
                return new NotASession(file + ": the session header is damaged (CRC mismatch)");
            }
            SessionHeader header = parseHeader(version, all.array(), 16, (int) (16 + tlvLength));
            return new Session(new SessionReader(ch, header, 16 + tlvLength + 4));
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof IOException io) {
                throw io;
            }
            return new NotASession(file + ": " + e.getMessage());
        }
    }

    /**
     * Opens a session file for reading, or says why it cannot be one: the single place where "no such file", "not a
     * session" and I/O errors become a message for people (stats, export, cut, the app's replay and export).
     */
    public static SessionReader openReadable(Path file) throws UnreadableSession {
        Opened opened;
        try {
            opened = open(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UnreadableSession("no such file: " + file, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UnreadableSession("no permission to read " + file, e);
        } catch (IOException e) {
            throw new UnreadableSession("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (opened instanceof NotASession not) {
            throw new UnreadableSession(not.reason(), null);
        }
        return ((Session) opened).reader();
    }

    private static boolean magic(ByteBuffer b) {
        for (int i = 0; i < 8; i++) {
            if (b.get(i) != Frames.FILE_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    static SessionHeader parseHeader(int version, byte[] data, int from, int to) {
        String host = "";
        String kernel = "";
        String possible = "";
        String online = "";
        String kind = "";
        String source = "";
        long tsVersion = 0;
        long start = 0;
        long mono = 0;
        long nrCpus = 0;
        String mode = SessionHeader.PER_CPU;
        boolean copies = false;
        ByteBuffer b = ByteBuffer.wrap(data, from, to - from).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 6) {
            int tag = b.getShort() & 0xFFFF;
            long length = b.getInt() & 0xFFFF_FFFFL;
            if (length > b.remaining()) {
                break;
            }
            int at = b.position();
            String text = new String(data, at, (int) length, StandardCharsets.UTF_8);
            long number = 0;
            for (int i = 0; i < Math.min(8, length); i++) {
                number |= (data[at + i] & 0xFFL) << (8 * i);
            }
            switch (tag) {
                case Frames.TAG_HOST -> host = text;
                case Frames.TAG_KERNEL -> kernel = text;
                case Frames.TAG_TASKSTATS_VERSION -> tsVersion = number;
                case Frames.TAG_POSSIBLE -> possible = text;
                case Frames.TAG_ONLINE -> online = text;
                case Frames.TAG_SOURCE_KIND -> kind = text;
                case Frames.TAG_SOURCE -> source = text;
                case Frames.TAG_START_EPOCH -> start = number;
                case Frames.TAG_START_MONOTONIC -> mono = number;
                case Frames.TAG_NR_CPUS -> nrCpus = number;
                case Frames.TAG_LISTENER_MODE -> mode = text;
                case Frames.TAG_LISTENER_COPIES -> copies = number == 1;
                default -> { } // a newer writer's field: skipped by its length
            }
            b.position(at + (int) length);
        }
        return new SessionHeader(version, host, kernel, (int) tsVersion, possible, online, (int) nrCpus, kind, source,
                start, mono, mode, copies);
    }

    /** Walks the chunk headers; a header that does not hold up sends the scan looking for the next one. */
    private void scan(long from) throws IOException {
        long size = channel.size();
        long pos = from;
        while (pos < size) {
            if (size - pos < Frames.CHUNK_HEADER) {
                tornTail = new Damage(pos, "torn tail: " + (size - pos) + " bytes of an incomplete chunk header");
                return;
            }
            ByteBuffer h = read(channel, pos, Frames.CHUNK_HEADER);
            long length = h.getInt(8) & 0xFFFF_FFFFL;
            long rawLength = h.getInt(12) & 0xFFFF_FFFFL;
            if (h.getInt(0) != Frames.CHUNK_MAGIC || length > (64 << 20) || rawLength > (256 << 20)) {
                long next = findChunk(pos + 1, size);
                damage.add(new Damage(pos, "not a chunk header here; "
                        + (next < 0 ? "no chunk after it" : "skipped " + (next - pos) + " bytes to the next chunk")));
                if (next < 0) {
                    return;
                }
                pos = next;
                continue;
            }
            if (pos + Frames.CHUNK_HEADER + length > size) {
                tornTail = new Damage(pos, "torn tail: the last chunk needs " + (Frames.CHUNK_HEADER + length)
                        + " bytes, " + (size - pos) + " are there");
                return;
            }
            chunks.add(new ChunkInfo(pos, (int) length, (int) rawLength, h.getInt(16), h.getLong(20), h.getLong(28)));
            pos += Frames.CHUNK_HEADER + length;
        }
    }

    /** The offset of the next "CHNK" signature at or after {@code from}, or -1. */
    private long findChunk(long from, long size) throws IOException {
        long pos = from;
        while (pos + 4 <= size) {
            int n = (int) Math.min(1 << 16, size - pos);
            ByteBuffer b = read(channel, pos, n);
            for (int i = 0; i + 4 <= n; i++) {
                if (b.getInt(i) == Frames.CHUNK_MAGIC) {
                    return pos + i;
                }
            }
            pos += Math.max(1, n - 3);
        }
        return -1;
    }

    public SessionHeader header() {
        return header;
    }

    /** The chunks found, in file order (their contents are verified when read). */
    public List<ChunkInfo> chunks() {
        return List.copyOf(chunks);
    }

    /** Damage found so far (scanning, and reading chunks whose CRC failed). */
    public List<Damage> damage() {
        return List.copyOf(damage);
    }

    /** The incomplete end of a file that was cut, or null. */
    public Damage tornTail() {
        return tornTail;
    }

    public boolean intact() {
        return damage.isEmpty() && tornTail == null;
    }

    /** Reads every chunk in order; damaged ones are reported and skipped. */
    public void readAll(FrameVisitor visitor) throws IOException {
        for (ChunkInfo c : chunks) {
            read(c, visitor);
        }
    }

    /** Reads one chunk; returns false (and records the damage) when it does not verify or decode. */
    public boolean read(ChunkInfo c, FrameVisitor visitor) throws IOException {
        ByteBuffer all = read(channel, c.offset(), Frames.CHUNK_HEADER + c.length());
        CRC32C crc = new CRC32C();
        crc.update(all.array(), 0, 36);
        crc.update(all.array(), Frames.CHUNK_HEADER, c.length());
        if ((int) crc.getValue() != all.getInt(36)) {
            addDamage(new Damage(c.offset(), "chunk fails its CRC: damaged, skipped (" + c.frames() + " frames)"));
            return false;
        }
        byte[] raw = new byte[c.rawLength()];
        long n = Zstd.decompressByteArray(raw, 0, raw.length, all.array(), Frames.CHUNK_HEADER, c.length());
        if (Zstd.isError(n) || n != c.rawLength()) {
            addDamage(new Damage(c.offset(), "chunk does not decompress to its " + c.rawLength() + " bytes"
                    + (Zstd.isError(n) ? ": " + Zstd.getErrorName(n) : "")));
            return false;
        }
        try {
            decodeFrames(raw, visitor);
        } catch (Cursor.Corrupt e) {
            addDamage(new Damage(c.offset(), "chunk passes its CRC but its frames do not decode: " + e.getMessage()));
            return false;
        }
        return true;
    }

    private void addDamage(Damage d) {
        if (!damage.contains(d)) {
            damage.add(d);
        }
    }

    /** Decodes everything first, hands it over after: a chunk is delivered whole or not at all. */
    static void decodeFrames(byte[] raw, FrameVisitor visitor) throws Cursor.Corrupt {
        Cursor in = new Cursor(raw, 0, raw.length);
        List<Runnable> deliveries = new ArrayList<>();
        while (in.hasMore()) {
            int type = in.u8();
            int length = in.length(raw.length);
            int end = in.position() + length;
            Cursor body = new Cursor(raw, in.position(), end);
            switch (type) {
                case Frames.RECORDS, Frames.RECORDS_PREDICTED, Frames.RECORDS_EXTENDED -> {
                    RecordBlock block = new RecordBlock(256);
                    RecordColumns.decode(body, block, type != Frames.RECORDS);
                    if (type == Frames.RECORDS_EXTENDED) {
                        RecordColumns.decodeExtensions(body, block, 0, block.size());
                    }
                    deliveries.add(() -> visitor.records(block));
                }
                case Frames.LOSS -> {
                    long t = body.i64();
                    int cpu = (int) body.varint();
                    int listener = (int) body.zigzag();
                    long records = body.varint();
                    int cause = body.u8();
                    if (cause >= LossEvent.Cause.values().length) {
                        throw new Cursor.Corrupt("loss cause " + cause);
                    }
                    LossEvent loss = new LossEvent(cpu, listener, records, LossEvent.Cause.values()[cause], t);
                    deliveries.add(() -> visitor.loss(loss));
                }
                case Frames.LISTENERS -> {
                    long t = body.i64();
                    int n = body.length(io.taskscope.core.ListenerRouting.MAX_LISTENERS);
                    List<Listener> listeners = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int id = (int) body.varint();
                        String name = body.str();
                        int rgb = (int) body.varint();
                        CpulistParse cpus = CpuSet.parse(body.str(), CpulistLimits.forMachine(CpulistLimits.MAX_CPUS));
                        if (id >= io.taskscope.core.ListenerRouting.MAX_LISTENERS || name.isBlank() || !cpus.isOk()) {
                            throw new Cursor.Corrupt("listener " + id + " '" + name + "'");
                        }
                        listeners.add(new Listener(id, name, rgb, cpus.orElseThrow()));
                    }
                    ListenerSet set = ListenerSet.of(listeners);
                    deliveries.add(() -> visitor.listeners(t, set));
                }
                case Frames.STATE -> {
                    long t = body.i64();
                    int s = body.u8();
                    String detail = body.str();
                    if (s >= SourceState.values().length) {
                        throw new Cursor.Corrupt("state " + s);
                    }
                    deliveries.add(() -> visitor.state(t, SourceState.values()[s], detail));
                }
                case Frames.SOCKETS -> {
                    long t = body.i64();
                    int n = body.length(io.taskscope.core.ListenerRouting.MAX_LISTENERS);
                    List<io.taskscope.source.RegisteredListenerReport> reports = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        reports.add(SocketsFrame.read(body));
                    }
                    deliveries.add(() -> visitor.sockets(t, List.copyOf(reports)));
                }
                case Frames.COPIES -> {
                    io.taskscope.source.ListenerCopies copies = CopiesFrame.read(body);
                    deliveries.add(() -> visitor.copies(copies));
                }
                default -> { } // a newer writer's frame: skipped by its length
            }
            in.skip(length);
        }
        deliveries.forEach(Runnable::run);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
