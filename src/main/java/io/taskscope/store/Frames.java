package io.taskscope.store;

/** Frame type tags (see the package documentation). */
final class Frames {
    private Frames() {
    }

    static final int RECORDS = 1;
    static final int LOSS = 2;
    static final int LISTENERS = 3;
    static final int STATE = 4;
    /** RECORDS with predicted fields stored as the difference to their prediction (see Prediction). */
    static final int RECORDS_PREDICTED = 5;
    /** RECORDS_PREDICTED followed by named columns for the fields newer than v16 (since v17 support; RecordColumns). */
    static final int RECORDS_EXTENDED = 6;
    /** What each registered listener's own socket was set to, sent and got (live, registered mode). */
    static final int SOCKETS = 7;
    /** What the registered listeners' own sockets received, each copy on its exit CPU (CopiesFrame). */
    static final int COPIES = 8;

    static final byte[] FILE_MAGIC = "TSKSCOPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int CHUNK_MAGIC = 0x4B4E4843; // "CHNK" read little endian
    static final int CHUNK_HEADER = 40;
    static final int CHUNK_ENCODING = 1;

    static final int TAG_HOST = 1;
    static final int TAG_KERNEL = 2;
    static final int TAG_TASKSTATS_VERSION = 3;
    static final int TAG_POSSIBLE = 4;
    static final int TAG_ONLINE = 5;
    static final int TAG_SOURCE_KIND = 6;
    static final int TAG_SOURCE = 7;
    static final int TAG_START_EPOCH = 8;
    static final int TAG_START_MONOTONIC = 9;
    static final int TAG_NR_CPUS = 10;
    static final int TAG_LISTENER_MODE = 11;
    static final int TAG_LISTENER_COPIES = 12;
}
