/** Pages of the notices module, including the hoster portal. */
@org.jspecify.annotations.NullMarked
package org.takedown.notices.web;
