package dev.doppel.core.engine;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The engines on the class path; picks the one that accepts a URL. */
public final class Engines {
    private final List<Engine> engines = new ArrayList<>();

    public static Engines load() {
        Engines result = new Engines();
        ServiceLoader.load(Engine.class, Engines.class.getClassLoader()).forEach(result.engines::add);
        return result;
    }

    public Engine forUrl(String url) {
        return engines.stream().filter(e -> e.accepts(url)).findFirst().orElseThrow(() ->
                new DoppelException(ExitCode.BAD_INPUT, "No engine handles the URL " + Redactor.url(url)
                        + "; known engines: " + String.join(", ", engines.stream().map(Engine::name).toList())
                        + " (e.g. jdbc:postgresql://host:5432/db or postgresql://host/db)"));
    }

    public RelationalEngine relational(String url) {
        Engine engine = forUrl(url);
        if (engine instanceof RelationalEngine relational) {
            return relational;
        }
        throw new DoppelException(ExitCode.BAD_INPUT, engine.name() + " is not a relational engine");
    }

    /** The relational engine with this {@link Engine#name()}, e.g. the one a snapshot was made with. */
    public RelationalEngine relationalByName(String name) {
        return engines.stream().filter(e -> e.name().equals(name) && e instanceof RelationalEngine)
                .map(RelationalEngine.class::cast).findFirst().orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT,
                        "No " + name + " engine is installed; known engines: "
                                + String.join(", ", engines.stream().map(Engine::name).toList())));
    }
}
