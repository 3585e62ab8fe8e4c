/** Errors as RFC 9457 problem details for the API and as readable pages for people. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.errors;
