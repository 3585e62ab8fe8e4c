/** Internals of attribution: the offline IP-to-ASN data and its updates. */
@org.jspecify.annotations.NullMarked
package org.takedown.attribution.internal;
