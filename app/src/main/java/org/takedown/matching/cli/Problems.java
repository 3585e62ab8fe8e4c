package org.takedown.matching.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads the message out of a problem-details answer of a Takedown server. */
final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    static String detail(String body) {
        try {
            return JSON.readTree(body).path("detail").asString(body);
        } catch (JacksonException e) {
            return body;
        }
    }
}
