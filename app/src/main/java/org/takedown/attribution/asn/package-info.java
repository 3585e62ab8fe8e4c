/**
 * The IP-to-ASN data (the CSV of {@code @ip-location-db/asn}, CC BY 4.0): loaded into sorted primitive arrays for
 * look-ups without allocation, and updated atomically from npm, a URL or a file. A component of attribution with its
 * own small API; other modules never see it.
 */
@org.jspecify.annotations.NullMarked
package org.takedown.attribution.asn;
