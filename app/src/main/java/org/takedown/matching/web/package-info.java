/** Pages of the hash check service: hash lists, imports with progress, search and entry curation. */
@org.jspecify.annotations.NullMarked
package org.takedown.matching.web;
