package org.takedown;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * The Takedown application: one modular monolith whose modules follow the chain, from intake to enforcement. Start
 * it through {@link Takedown}, the command line.
 */
@SpringBootApplication
@Modulithic(systemName = "Takedown", sharedModules = "shared")
public class TakedownApplication {

    static {
        // ImageIO buffers every image it reads or writes in a temporary file unless told not to: fetched and uploaded
        // content must never touch a disk, and charts need no disk either. Once, for the whole process.
        javax.imageio.ImageIO.setUseCache(false);
    }
}
