/**
 * Exports of what listeners received: CSV with the kernel's field names as headers, and Perfetto / Chrome trace
 * JSON. One code path for the {@code export} command and the desktop app; no JavaFX here.
 */
package io.taskscope.export;
