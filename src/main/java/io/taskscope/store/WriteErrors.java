package io.taskscope.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Write errors in words for people. The JDK gives no errno, only the C library's text for it, so the usual ones are
 * recognised by their English text; anything else (or a localised text) gets a plain sentence, never the raw one.
 */
public final class WriteErrors {

    /** The message of an error that is Taskscope's own, not the disk's. */
    static final String INTERNAL = "internal error";

    private WriteErrors() {
    }

    public static String describe(IOException e) {
        if (INTERNAL.equals(e.getMessage())) {
            return "Taskscope hit an internal error (please report it)";
        }
        if (e instanceof AccessDeniedException) {
            return "there is no permission to write there";
        }
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist";
        }
        String why = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        String text = why == null ? "" : why.toLowerCase(Locale.ROOT);
        if (text.contains("no space left")) {
            return "the disk is full";
        }
        if (text.contains("quota")) {
            return "the disk quota is used up";
        }
        if (text.contains("read-only file system")) {
            return "the disk is read-only";
        }
        if (text.contains("file too large")) {
            return "the file grew larger than its file system allows";
        }
        if (text.contains("input/output error")) {
            return "the disk reported a hardware error";
        }
        if (text.contains("zstd")) {
            return "a chunk could not be compressed";
        }
        return "the disk reported an error while writing";
    }
}
