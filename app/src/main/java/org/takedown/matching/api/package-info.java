/** The lookup API for hosting companies and the curation API for hash lists. */
@org.jspecify.annotations.NullMarked
package org.takedown.matching.api;
