/** PostgreSQL, embedded or external: the system of record of every module. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.persistence;
