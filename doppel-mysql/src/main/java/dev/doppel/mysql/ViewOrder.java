package dev.doppel.mysql;

import dev.doppel.core.schema.DdlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders CREATE VIEW statements so that a view comes after the views it selects from, for a
 * script that runs them once, in order (a view on a view whose name sorts first). A view depends
 * on another when its body names it in backticks, as {@code SHOW CREATE VIEW} writes every name.
 * Statements whose order cannot be worked out (a cycle, which the server would not allow) keep
 * theirs, after the others.
 */
final class ViewOrder {
    private static final Pattern NAME = Pattern.compile("\\bVIEW\\s+`((?:[^`]|``)+)`\\s+AS\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKTICKED = Pattern.compile("`((?:[^`]|``)+)`");

    private ViewOrder() {}

    static List<DdlStatement> sort(List<DdlStatement> views) {
        Map<String, DdlStatement> byName = new LinkedHashMap<>();
        for (DdlStatement view : views) {
            Matcher name = NAME.matcher(view.sql());
            byName.put(name.find() ? name.group(1).replace("``", "`") : view.object(), view);
        }
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        byName.forEach((name, view) -> {
            Set<String> uses = new HashSet<>();
            Matcher body = NAME.matcher(view.sql());
            Matcher m = BACKTICKED.matcher(view.sql());
            m.region(body.find() ? body.end() : 0, view.sql().length());
            while (m.find()) {
                String used = m.group(1).replace("``", "`");
                if (!used.equals(name) && byName.containsKey(used)) {
                    uses.add(used);
                }
            }
            needs.put(name, uses);
        });
        List<DdlStatement> sorted = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress && done.size() < byName.size()) {
            progress = false;
            for (Map.Entry<String, Set<String>> view : needs.entrySet()) {
                if (!done.contains(view.getKey()) && done.containsAll(view.getValue())) {
                    sorted.add(byName.get(view.getKey()));
                    done.add(view.getKey());
                    progress = true;
                }
            }
        }
        byName.forEach((name, view) -> {
            if (!done.contains(name)) {
                sorted.add(view);
            }
        });
        return sorted;
    }
}
