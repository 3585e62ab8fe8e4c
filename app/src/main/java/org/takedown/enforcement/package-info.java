/** Administrative enforcement by the authority: orders, penalty payments, fines and the publication register. */
package org.takedown.enforcement;
