package io.taskscope.store;

import com.github.luben.zstd.Zstd;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Reads a session as it is written, front to back, from a stream: {@code taskscope record -o -} through a pipe,
 * pkexec or ssh. Chunks are verified as in files; a damaged chunk ends the stream (a pipe cannot be resynchronised
 * safely) with the reason.
 */
public final class SessionStream implements AutoCloseable {

    private final DataInputStream in;
    private final SessionHeader header;

    private SessionStream(DataInputStream in, SessionHeader header) {
        this.in = in;
        this.header = header;
    }

    /** Reads the header; throws with a reason for people when the stream is not a session. */
    public static SessionStream open(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] fixed = new byte[16];
        try {
            in.readFully(fixed);
        } catch (EOFException e) {
            throw new IOException("the stream ended before a session header (is the command writing one?)");
        }
        for (int i = 0; i < 8; i++) {
            if (fixed[i] != Frames.FILE_MAGIC[i]) {
                throw new IOException("the stream is not a Taskscope session (no TSKSCOPE signature)");
            }
        }
        ByteBuffer f = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
        int version = f.getShort(8) & 0xFFFF;
        int tlvLength = f.getInt(12);
        if (tlvLength < 0 || tlvLength > (1 << 20)) {
            throw new IOException("the session header is damaged");
        }
        byte[] all = new byte[16 + tlvLength + 4];
        System.arraycopy(fixed, 0, all, 0, 16);
        in.readFully(all, 16, tlvLength + 4);
        CRC32C crc = new CRC32C();
        crc.update(all, 0, 16 + tlvLength);
        if ((int) crc.getValue() != ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getInt(16 + tlvLength)) {
            throw new IOException("the session header is damaged (CRC mismatch)");
        }
        return new SessionStream(in, SessionReader.parseHeader(version, all, 16, 16 + tlvLength));
    }

    public SessionHeader header() {
        return header;
    }

    /**
     * Reads the next chunk and hands its frames over. Returns false at a clean end of the stream; throws when the
     * stream ends inside a chunk or a chunk is damaged.
     */
    public boolean next(SessionReader.FrameVisitor visitor) throws IOException {
        byte[] head = new byte[Frames.CHUNK_HEADER];
        int n = in.readNBytes(head, 0, head.length);
        if (n == 0) {
            return false;
        }
        if (n < head.length) {
            throw new IOException("the stream ended inside a chunk header");
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int length = h.getInt(8);
        int rawLength = h.getInt(12);
        if (h.getInt(0) != Frames.CHUNK_MAGIC || length < 0 || length > (64 << 20) || rawLength < 0
                || rawLength > (256 << 20)) {
            throw new IOException("the stream holds no chunk where one should be: damaged");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        CRC32C crc = new CRC32C();
        crc.update(head, 0, 36);
        crc.update(payload, 0, length);
        if ((int) crc.getValue() != h.getInt(36)) {
            throw new IOException("a chunk of the stream fails its CRC: damaged");
        }
        byte[] raw = new byte[rawLength];
        long got = Zstd.decompressByteArray(raw, 0, rawLength, payload, 0, length);
        if (Zstd.isError(got) || got != rawLength) {
            throw new IOException("a chunk of the stream does not decompress");
        }
        try {
            SessionReader.decodeFrames(raw, visitor);
        } catch (Cursor.Corrupt e) {
            throw new IOException("a chunk of the stream does not decode: " + e.getMessage());
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
