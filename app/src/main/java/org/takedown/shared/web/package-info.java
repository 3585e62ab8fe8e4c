/** The UI shell: layout, role-aware menu, home, login and dashboards, administration pages. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.web;
