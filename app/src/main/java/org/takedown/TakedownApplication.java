package org.takedown;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * The Takedown application: one modular monolith whose modules follow the chain, from intake to enforcement. Start
 * it through {@link Takedown}, the command line.
 */
@SpringBootApplication
@Modulithic(systemName = "Takedown", sharedModules = "shared")
public class TakedownApplication {}
