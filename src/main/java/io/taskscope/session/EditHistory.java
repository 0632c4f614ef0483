package io.taskscope.session;

import java.util.ArrayDeque;
import java.util.Deque;

/** Undo and redo over immutable states; bounded, so a long session keeps at most {@link #LIMIT} steps. */
public final class EditHistory<T> {

    public static final int LIMIT = 200;

    private final Deque<T> undo = new ArrayDeque<>();
    private final Deque<T> redo = new ArrayDeque<>();
    private T current;

    public EditHistory(T initial) {
        current = initial;
    }

    public T current() {
        return current;
    }

    /** Records a new state; equal states are not steps. */
    public T push(T next) {
        if (next.equals(current)) {
            return current;
        }
        undo.push(current);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        current = next;
        return current;
    }

    /** Replaces the state without a step (a new source, a reset). */
    public void reset(T state) {
        undo.clear();
        redo.clear();
        current = state;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public T undo() {
        if (canUndo()) {
            redo.push(current);
            current = undo.pop();
        }
        return current;
    }

    public T redo() {
        if (canRedo()) {
            undo.push(current);
            current = redo.pop();
        }
        return current;
    }
}
