/**
 * Administrative enforcement by the authority: candidates from missed deadlines, cases, orders with deadlines checked
 * by the probes, penalty payments, fines within the turnover cap, decision documents and the publication register.
 */
package org.takedown.enforcement;
