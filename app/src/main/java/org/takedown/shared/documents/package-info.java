/** Documents: PDF laid out from the same HTML the pages and reports use. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.documents;
