package io.taskscope.cli;

/** Listener colours: the Okabe-Ito colour-blind-safe palette, then repeats. */
final class Palette {
    private Palette() {
    }

    private static final int[] OKABE_ITO = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000};

    static int colour(int index) {
        return OKABE_ITO[index % OKABE_ITO.length];
    }
}
