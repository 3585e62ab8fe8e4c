package org.takedown.shared.errors;

import java.io.IOException;

/** Thrown while reading a request body that grows past the accepted size (413). */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long maxBytes) {
        super("The request body is larger than the " + maxBytes + " bytes accepted.");
    }

    /** True when {@code error} or one of its causes is a {@code BodyTooLargeException}. */
    public static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
