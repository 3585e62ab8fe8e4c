/** The authority's pages (cases, decisions, documents, statistics) and the public sanctions register. */
@org.jspecify.annotations.NullMarked
package org.takedown.enforcement.web;
