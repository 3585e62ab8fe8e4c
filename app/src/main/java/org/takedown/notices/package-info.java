/** Notice-and-takedown: notices composed and grouped per hosting company, sent through an outbox, and the hoster portal. */
package org.takedown.notices;
