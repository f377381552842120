package dev.doppel.core.transform;

import dev.doppel.core.schema.ColumnKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a transformer is and takes: the single source for config validation, {@code transformers
 * list|show} and the generated catalogue page.
 *
 * @param columnKinds the column kinds it can write; empty means any
 * @param deterministic same input and key give the same output
 * @param uniqueSafe distinct inputs give distinct outputs, so it may rule a UNIQUE column
 * @param exampleInput an input shown with its masked output by {@code transformers show}
 */
public record TransformerDescriptor(
        String name,
        String description,
        List<ParameterDescriptor> parameters,
        Set<ColumnKind> columnKinds,
        boolean deterministic,
        boolean uniqueSafe,
        String exampleInput) {

    /** Every transformer takes {@code domain}: equal domains map equal inputs to equal outputs. */
    public static final ParameterDescriptor DOMAIN = ParameterDescriptor.optional("domain", ParamType.STRING, null,
            "Determinism domain. Columns with the same domain map equal inputs to equal outputs; defaults to the "
                    + "transformer's name plus the parameters that change its output.");

    public TransformerDescriptor {
        parameters = List.copyOf(parameters);
        columnKinds = columnKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(columnKinds));
    }

    public Optional<ParameterDescriptor> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    public boolean accepts(ColumnKind kind) {
        return columnKinds.isEmpty() || columnKinds.contains(kind);
    }

    /** Starts a descriptor; {@code domain} is added for deterministic transformers. */
    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    public static final class Builder {
        private final String name;
        private final String description;
        private final List<ParameterDescriptor> parameters = new ArrayList<>();
        private final Set<ColumnKind> kinds = EnumSet.noneOf(ColumnKind.class);
        private boolean deterministic;
        private boolean uniqueSafe;
        private String example;

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public Builder parameter(ParameterDescriptor parameter) {
            parameters.add(parameter);
            return this;
        }

        public Builder columnKinds(ColumnKind... columnKinds) {
            kinds.addAll(List.of(columnKinds));
            return this;
        }

        public Builder deterministic() {
            this.deterministic = true;
            return this;
        }

        public Builder uniqueSafe() {
            this.uniqueSafe = true;
            return this;
        }

        public Builder example(String input) {
            this.example = input;
            return this;
        }

        public TransformerDescriptor build() {
            List<ParameterDescriptor> all = new ArrayList<>(parameters);
            if (deterministic && all.stream().noneMatch(p -> p.name().equals(DOMAIN.name()))) {
                all.add(DOMAIN);
            }
            return new TransformerDescriptor(name, description, all, kinds, deterministic, uniqueSafe, example);
        }
    }
}
