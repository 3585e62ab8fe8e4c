package org.takedown.matching;

/** An upload or file that cannot be hashed as a video; the message says why, in words for the user. */
public class VideoRejectedException extends org.takedown.shared.errors.InvalidRequestException {
    public VideoRejectedException(String message) {
        super(message);
    }
}
