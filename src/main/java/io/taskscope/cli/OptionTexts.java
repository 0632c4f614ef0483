package io.taskscope.cli;

import java.util.ListResourceBundle;

/**
 * How one command words shared options whose help there differs from the option's own: the mixin declares the
 * option once (name, type, converter, default) and the command's {@code resourceBundle} names a subclass of this.
 * Picocli looks a description up by the option's longest name without dashes ("cpus"); a label by "NAME.label",
 * in the mixins whose paramLabel reads {@code ${bundle:NAME.label:-DEFAULT}}. The texts hold no picocli variables,
 * so a test can check that each one reaches an option of its command.
 */
abstract class OptionTexts extends ListResourceBundle {

    private final Object[][] contents;

    /** @param keysAndTexts key, text, key, text, ... */
    OptionTexts(String... keysAndTexts) {
        if (keysAndTexts.length % 2 != 0) {
            throw new IllegalArgumentException("a key without its text");
        }
        contents = new Object[keysAndTexts.length / 2][];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = new Object[]{keysAndTexts[2 * i], keysAndTexts[2 * i + 1]};
        }
    }

    @Override
    protected final Object[][] getContents() {
        return contents;
    }
}
