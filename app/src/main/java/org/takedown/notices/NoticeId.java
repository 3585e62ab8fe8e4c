package org.takedown.notices;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A notice's identity, given by notices when it opens the notice. Written as its number (JSON, pages, logs). */
public record NoticeId(@JsonValue long value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public NoticeId {}

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
