/** The public hosting monitor page, its charts and the report downloads. */
@org.jspecify.annotations.NullMarked
package org.takedown.monitoring.web;
