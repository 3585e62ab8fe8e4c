/** Hosting monitor: per-company figures on URLs and removal speed, the public dashboard and the yearly report. */
package org.takedown.monitoring;
