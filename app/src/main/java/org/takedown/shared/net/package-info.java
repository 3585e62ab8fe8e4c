/**
 * Outgoing calls under a hard deadline: every fetch, webhook, DNS look-up and data download ends by its deadline,
 * whatever the other side does.
 */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.net;
