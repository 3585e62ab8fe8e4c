/** CLI of the audit log. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.audit.cli;
