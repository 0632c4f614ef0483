package io.taskscope.live.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Pins the calling thread to one CPU; threads it starts afterwards inherit the mask, so they exit there too. */
public final class Affinity {
    private Affinity() {
    }

    public static void pinCurrentThread(int cpu) throws NativeException {
        int bytes = ((cpu / 64) + 1) * 8;
        ByteBuffer mask = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        mask.putLong((cpu / 64) * 8, 1L << (cpu % 64));
        if (LibC.get().sched_setaffinity(0, bytes, mask) != 0) {
            throw new NativeException("sched_setaffinity(" + cpu + ")", LibC.lastErrno());
        }
    }
}
