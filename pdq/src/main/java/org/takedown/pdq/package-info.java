/** PDQ perceptual hashing, 256-bit hashes and Hamming-distance search; no dependencies. */
package org.takedown.pdq;
