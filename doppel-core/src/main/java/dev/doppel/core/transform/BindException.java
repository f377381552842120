package dev.doppel.core.transform;

/** A rule that cannot work on its column or with its parameters; the message says what to change. */
public class BindException extends RuntimeException {
    public BindException(String message) {
        super(message);
    }
}
