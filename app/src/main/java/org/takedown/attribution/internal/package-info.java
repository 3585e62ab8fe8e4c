/** Internals of attribution: the attribution job and the DNS resolver it uses. */
@org.jspecify.annotations.NullMarked
package org.takedown.attribution.internal;
