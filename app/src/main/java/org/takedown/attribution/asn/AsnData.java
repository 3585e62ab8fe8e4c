package org.takedown.attribution.asn;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The offline IP-to-ASN data of a running Takedown, loaded once at start from {@code takedown.attribution.data-dir}
 * (default: {@code data/ip-location-db} under the installation). Without the data every network is unknown, and the
 * log says how to fetch it. Thread-safe.
 */
@Component
public class AsnData {

    private static final Logger log = LoggerFactory.getLogger(AsnData.class);

    private final @Nullable AsnDatabase database;

    AsnData(
            @Value("${takedown.attribution.data-dir:}") String configured,
            @Value("${takedown.data-dir:}") String dataDir) {
        Path dir = !configured.isBlank()
                ? Path.of(configured)
                : (dataDir.isBlank()
                                ? Path.of(System.getProperty("takedown.home", "."))
                                        .resolve("data")
                                : Path.of(dataDir))
                        .resolve("ip-location-db");
        if (AsnDatabase.present(dir)) {
            this.database = AsnDatabase.load(dir);
        } else {
            this.database = null;
            log.warn(
                    "No IP-to-ASN data in {}: networks are shown as unknown. Run: takedown data update",
                    Files.exists(dir) ? dir : dir.toAbsolutePath());
        }
    }

    /** The network of an address, or an unknown one without data. */
    public org.takedown.attribution.Network lookup(java.net.InetAddress address) {
        if (database == null) {
            return new org.takedown.attribution.Network(AsnDatabase.text(address), null, 0, null, null);
        }
        return database.lookup(address);
    }

    /** How many IPv4 addresses {@code asn} announces, or 0 when unknown (no data, or an AS the data lacks). */
    public long announcedIpv4(long asn) {
        return database == null ? 0 : database.announcedIpv4(asn);
    }
}
