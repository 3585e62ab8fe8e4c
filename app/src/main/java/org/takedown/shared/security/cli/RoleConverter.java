package org.takedown.shared.security.cli;

import java.util.Arrays;
import java.util.Locale;
import org.takedown.shared.security.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a role name in any case. */
final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
        try {
            return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown role '" + value + "'; roles: " + Arrays.toString(Role.values()));
        }
    }
}
