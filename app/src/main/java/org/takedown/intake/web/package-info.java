/** Pages of intake: the public report form. */
@org.jspecify.annotations.NullMarked
package org.takedown.intake.web;
