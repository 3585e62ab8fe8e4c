package org.takedown.shared.security.cli;

import java.util.Arrays;
import java.util.Locale;
import org.takedown.shared.security.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a role name in any case, with '-' or '_' between words. */
final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("SUPERVISOR")) {
            throw new TypeConversionException("'supervisor' is no longer a role: a supervisor works either for the"
                    + " hotline (hotline-supervisor) or for the authority (authority-signatory)");
        }
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown role '" + value + "'; roles: " + Arrays.toString(Role.values()));
        }
    }
}
