/** Pages of intake: the public report form (the triage workbench comes next). */
@org.jspecify.annotations.NullMarked
package org.takedown.intake.web;
