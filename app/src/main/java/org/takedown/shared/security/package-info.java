/** Sign-in, roles, API keys with scopes and rate limits, and the binding of hosters to their own company. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.security;
