/** Hash check service: hash lists (banks) of known material, the in-memory index and the lookup API. */
package org.takedown.matching;
