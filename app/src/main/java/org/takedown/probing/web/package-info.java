/** Pages of the online checks, including the hoster portal (which shows each URL's checks next to its notice). */
@org.jspecify.annotations.NullMarked
package org.takedown.probing.web;
