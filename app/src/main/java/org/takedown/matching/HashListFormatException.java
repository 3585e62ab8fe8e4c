package org.takedown.matching;

import java.util.List;
import org.takedown.shared.errors.InvalidRequestException;

/** A hash list file with bad lines; nothing of it was imported. The message lists the lines and what is wrong. */
public class HashListFormatException extends InvalidRequestException {

    private final List<String> problems;

    public HashListFormatException(List<String> problems, long badLines) {
        super("nothing was imported: " + badLines + " bad line(s): " + String.join("; ", problems)
                + (badLines > problems.size() ? "; ..." : ""));
        this.problems = List.copyOf(problems);
    }

    /** The first problems, each naming its line. */
    public List<String> problems() {
        return problems;
    }
}
