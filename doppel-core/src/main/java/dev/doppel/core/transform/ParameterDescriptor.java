package dev.doppel.core.transform;

import java.util.List;

/**
 * One parameter of a transformer.
 *
 * @param defaultValue the value used when the parameter is absent, or null when there is none
 * @param allowed the only values accepted, or empty when any value of the type is
 */
public record ParameterDescriptor(
        String name, ParamType type, boolean required, String defaultValue, String description, List<String> allowed) {
    public ParameterDescriptor {
        allowed = List.copyOf(allowed);
    }

    public static ParameterDescriptor optional(String name, ParamType type, String defaultValue, String description) {
        return new ParameterDescriptor(name, type, false, defaultValue, description, List.of());
    }

    public static ParameterDescriptor required(String name, ParamType type, String description) {
        return new ParameterDescriptor(name, type, true, null, description, List.of());
    }

    public static ParameterDescriptor choice(String name, String defaultValue, String description, String... allowed) {
        return new ParameterDescriptor(name, ParamType.STRING, false, defaultValue, description, List.of(allowed));
    }
}
