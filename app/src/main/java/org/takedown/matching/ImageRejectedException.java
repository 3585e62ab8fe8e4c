package org.takedown.matching;

/** An upload or file that cannot be hashed as an image; the message says why, in words for the user. */
public class ImageRejectedException extends org.takedown.shared.errors.InvalidRequestException {
    public ImageRejectedException(String message) {
        super(message);
    }
}
