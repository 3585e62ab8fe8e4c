/** Attribution: host, IP, network (ASN) and hosting company of each reported URL, its abuse contact, NL or abroad. */
package org.takedown.attribution;
