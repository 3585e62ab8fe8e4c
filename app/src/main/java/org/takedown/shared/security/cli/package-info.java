/** CLI of accounts and API keys. */
package org.takedown.shared.security.cli;
