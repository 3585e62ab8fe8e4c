/** Pages of attribution: the hosting company registry and address checks. */
@org.jspecify.annotations.NullMarked
package org.takedown.attribution.web;
