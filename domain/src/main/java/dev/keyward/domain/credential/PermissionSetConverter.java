package dev.keyward.domain.credential;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Set;

/** Stores a permission set as its scope string, the form OAuth uses too. */
@Converter
public class PermissionSetConverter implements AttributeConverter<Set<Permission>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Permission> permissions) {
        return Permission.printScope(permissions);
    }

    @Override
    public Set<Permission> convertToEntityAttribute(String column) {
        return Permission.parseScope(column);
    }
}
