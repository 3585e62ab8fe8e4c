/** The hosting companies' REST API: their notices with the checks' status, and their answers. */
@org.jspecify.annotations.NullMarked
package org.takedown.notices.api;
