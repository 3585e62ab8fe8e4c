/** The analysts' workbench: the queue, one URL with its facts, assessment and confirmation. */
@org.jspecify.annotations.NullMarked
package org.takedown.triage.web;
