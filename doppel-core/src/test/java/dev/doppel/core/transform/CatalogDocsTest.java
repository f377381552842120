package dev.doppel.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue describes itself completely, and docs/transformers.md is what the descriptors say. */
class CatalogDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "transformers.md");

    @Test
    void everyTransformerAndParameterIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (Transformer t : Rules.registry().all()) {
            TransformerDescriptor d = t.descriptor();
            if (d.description() == null || d.description().length() < 30) {
                missing.add(d.name() + ": description");
            }
            if (d.exampleInput() == null || d.exampleInput().isBlank()) {
                missing.add(d.name() + ": example input");
            }
            if (!d.deterministic()) {
                missing.add(d.name() + ": not deterministic, so it cannot take the universal domain parameter");
            }
            d.parameters().forEach(p -> {
                if (p.description() == null || p.description().length() < 10) {
                    missing.add(d.name() + "." + p.name() + ": description");
                }
            });
        }
        assertThat(missing).as("transformers and parameters without a description").isEmpty();
    }

    @Test
    void theCatalogueOfIssue7IsComplete() {
        Set<String> contract = Set.of("keep", "null", "constant", "default", "hash", "email", "person_name",
                "person_name_kana", "phone", "postal_code", "address", "company", "username", "ip", "credit_card",
                "my_number", "date_shift", "number_noise", "partial", "regex_replace", "redact", "json", "template",
                "uuid", "choice");
        List<String> names = Rules.registry().all().stream().map(t -> t.descriptor().name()).toList();
        assertThat(names).containsAll(contract);
    }

    @Test
    void docsMatchTheDescriptors() throws IOException {
        String generated = CatalogMarkdown.generate(Rules.registry());
        if (Boolean.getBoolean("doppel.docs.write")) {
            Files.writeString(DOCS, generated, StandardCharsets.UTF_8);
        }
        String onDisk = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";
        assertThat(onDisk)
                .as("docs/transformers.md is out of date with the transformers' descriptors; regenerate it with\n"
                        + "  ./mvnw -q -B -pl doppel-core test -Dtest=CatalogDocsTest -Ddoppel.docs.write=true\n"
                        + "and commit the result")
                .isEqualTo(generated);
    }
}
