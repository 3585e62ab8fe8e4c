/**
 * Administrative enforcement by the authority: breaches of the 24-hour norm, the watch list of providers and the
 * candidates it flags, cases, orders with deadlines checked by the probes, penalty payments, fines within the turnover
 * cap, decision documents, publication decisions and the register; and for providers, their DSA figures and
 * statements of reasons.
 */
package org.takedown.enforcement;
