package dev.keyward.domain.credential;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a permission set as its space-separated scope string, the form OAuth uses too. */
@Converter
public class PermissionSetConverter implements AttributeConverter<Set<Permission>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Permission> permissions) {
        return permissions.stream().map(Permission::scope).sorted().collect(Collectors.joining(" "));
    }

    @Override
    public Set<Permission> convertToEntityAttribute(String column) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.trim().split(" +")).map(Permission::fromScope).forEach(set::add);
        }
        return set;
    }
}
