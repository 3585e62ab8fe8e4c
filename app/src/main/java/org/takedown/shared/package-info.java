/** Small and stable infrastructure every module uses: clock, persistence, audit log, security, errors, web layout. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.takedown.shared;
