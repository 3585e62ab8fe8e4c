/** Online checks of notified URLs until they are gone, with removal times, behind a guard against internal targets. */
package org.takedown.probing;
