/** The authority's REST API (key scope {@code enforcement}). */
@org.jspecify.annotations.NullMarked
package org.takedown.enforcement.api;
