package org.takedown.intake;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A reported URL's identity: given by intake once, when the URL is first reported, and the URL's name in every later module. Written as its number (JSON, pages, logs). */
public record UrlId(@JsonValue long value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public UrlId {}

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
