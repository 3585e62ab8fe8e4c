package org.takedown.attribution;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A hosting company's identity in the registry. Written as its number (JSON, pages, logs). */
public record CompanyId(@JsonValue long value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CompanyId {}

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
