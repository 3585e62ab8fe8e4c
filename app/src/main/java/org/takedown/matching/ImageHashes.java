package org.takedown.matching;

import java.util.Map;
import org.takedown.pdq.Dihedral;
import org.takedown.pdq.PdqHash;

/**
 * The hashes of one image: PDQ (with its quality and its eight rotations/mirror images) and the exact digests of the
 * file's bytes, lower-case hex.
 */
public record ImageHashes(
        PdqHash pdq, Map<Dihedral, PdqHash> dihedral, String md5, String sha1, String sha256, int width, int height) {}
