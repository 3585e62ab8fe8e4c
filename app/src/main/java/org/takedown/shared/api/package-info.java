/** REST endpoints of the shared module: audit log read access and API key management. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.api;
