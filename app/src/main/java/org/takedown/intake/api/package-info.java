/** The reporting API for partners. */
@org.jspecify.annotations.NullMarked
package org.takedown.intake.api;
