package org.takedown.intake;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.takedown.shared.text.Text;
import org.takedown.shared.text.Worded;

/**
 * What became of a report: the URLs taken (new cases, or joined to the open case of the same URL) and the texts
 * refused with their reason.
 */
public record ReportReceipt(long reportId, List<Accepted> accepted, List<Rejected> rejected) {

    /** A URL taken: its case, normal form, and whether an open case for it already existed. */
    public record Accepted(String url, long urlId, String normalized, boolean duplicate) {}

    /** A text refused, with why (in English; {@link #why()} words it in a reader's language). */
    public record Rejected(String url, @JsonIgnore Text why) implements Worded {

        /** Why, in English, as the API and the audit log give it. */
        @JsonProperty("reason")
        public String reason() {
            return why.english();
        }

        @Override
        public Text text() {
            return why;
        }
    }
}
