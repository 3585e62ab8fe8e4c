/** Pages of the notices module: routing, and the hoster portal (each notice's URLs with their checks). */
@org.jspecify.annotations.NullMarked
package org.takedown.notices.web;
