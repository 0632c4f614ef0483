/**
 * Session files: recordings of what a source produced, replayable exactly. One writer ({@link
 * io.taskscope.store.SessionWriter}) and one reader ({@link io.taskscope.store.SessionReader}) serve every command.
 *
 * <h2>Format, version 1 (little endian)</h2>
 * <pre>
 * file    := header chunk*
 * header  := "TSKSCOPE"(8) version:u16 flags:u16 length:u32 tlv[length] crc32c:u32      (crc over all before it)
 * tlv     := tag:u16 length:u32 value[length]            unknown tags are skipped by length
 *            1 host  2 kernel release  3 taskstats version(u32)  4 possible CPUs (cpulist)  5 online CPUs
 *            6 source kind  7 source description  8 start, epoch ns (i64)  9 start, monotonic ns (i64)
 *            10 NR_CPUS (u32)  11 listener mode ("registered"; absent: per-cpu)
 *            12 listener copies (u8 1: registered, and COPIES frames hold what each listener's socket got)
 * chunk   := "CHNK"(4) encoding:u16 reserved:u16 length:u32 rawLength:u32 frames:u32 firstNanos:i64
 *            lastNanos:i64 crc32c:u32 payload[length]      crc over the 36 header bytes before it and the payload
 * payload := zstd(frame*)                                  encoding 1: zstd (level 1 when written)
 * frame   := type:u8 length:varint body[length]           unknown types are skipped by length
 *            1 RECORDS    n (at most 256 when written), then columns (below)
 *            2 LOSS       time:i64 cpu:varint listener:zigzag records:varint cause:u8
 *                         cause ({@link io.taskscope.source.LossEvent.Cause}, new ones only appended): 0 sequence
 *                         gap, 1 ENOBUFS (an overflow episode, 0 records), 2 simulated buffer full, 3 Taskscope's
 *                         queue (the live collector's, or the recorder's when the disk fell behind), 4 the socket's
 *                         own drop counter at stop; 0-2 and 4 are losses in the kernel, 3 in Taskscope
 *            3 LISTENERS  time:i64 n, then n x (id:varint name:str rgb:varint cpulist:str)   (every mask edit)
 *            4 STATE      time:i64 state:u8 detail:str
 *            5 RECORDS    as 1, with predicted fields (below): what the writer writes; type 1 is still read
 *            6 RECORDS    as 5, then named extension columns for the fields newer than v16 (since v17 support; the header still says format 1):
 *                         count:varint, then per column name:str and n varints (a v17 timestamp as
 *                         zigzag(receive time - value), 0 for 0; other fields zigzag); unknown names skipped.
 *                         Written for the frames that hold such a record; the others stay type 5
 *            7 SOCKETS    time:i64 n, then n registered listeners' sockets ({@link io.taskscope.store.SocketsFrame})
 *            8 COPIES     what those sockets received, each copy on its exit CPU
 *                         ({@link io.taskscope.store.CopiesFrame}); header tags 11 and 12 say so
 * RECORDS columns, each over the n records in order, integers as zigzag varints: kind (u8 each), then as
 * differences to the previous record cpu, receive time (ns), seq, task id; comm (index into the frame's string
 * table, a new string follows its first index); then every {@link io.taskscope.core.TaskstatsField} but ac_comm in
 * declaration order, as values, except ac_pid, ac_ppid, ac_tgid, ac_btime, ac_btime64 as differences. Records are
 * stored losslessly for every field of struct taskstats v1..v16; these columns stay v16's, whatever later versions add.
 * Type 5 stores the same columns, but the fields other fields of the record predict ({@link
 * io.taskscope.store.Prediction}: ac_btime64, ac_tgetime, the scaled times, ac_gid, cpu_run_real_total and the
 * scaled and virtual run times, cpu_count, coremem, virtmem, read/write_char and _syscalls, ac_minflt) come last,
 * in Prediction's order, each as zigzag(value - prediction); the others keep declaration order and ac_btime64 is
 * no longer a difference to the previous record. A reader older than type 5 skips these frames by length.
 * </pre>
 * A file cut anywhere keeps every complete chunk; a damaged chunk is found by its CRC, reported with its offset and
 * skipped (the reader resynchronises on the next chunk that verifies), never decoded into wrong data. Files are
 * created with mode 0600: they name every user's processes.
 */
package io.taskscope.store;
