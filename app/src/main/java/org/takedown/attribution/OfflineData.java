package org.takedown.attribution;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.takedown.attribution.asn.AsnDatabase;
import org.takedown.attribution.asn.DataUpdate;

/** The offline IP-to-ASN data under a Takedown data directory: where it is, and fetching it when missing. */
public final class OfflineData {

    /** Attribution text of the data, for pages and reports. */
    public static final String ATTRIBUTION = AsnDatabase.ATTRIBUTION;

    private OfflineData() {}

    /** The directory of the IP-to-ASN files under a data directory. */
    public static Path asnDirectory(Path dataDir) {
        return dataDir.resolve("ip-location-db");
    }

    /**
     * Fetches the data with npm when it is not there yet; says what happened, and what to do when it could not be
     * fetched. Never fails: without the data, networks are shown as unknown.
     */
    public static void ensurePresent(Path dataDir, PrintWriter out) {
        Path dir = asnDirectory(dataDir);
        if (AsnDatabase.present(dir)) {
            return;
        }
        out.println("Fetching the IP-to-ASN data (first run)...");
        try {
            out.println(DataUpdate.update(dir, null));
        } catch (RuntimeException e) {
            out.println("The IP-to-ASN data could not be fetched: " + e.getMessage());
            out.println(
                    "Attribution shows networks as unknown until you run: takedown data update [--from PATH_OR_URL]");
        }
        out.flush();
    }
}
