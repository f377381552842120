package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.DdlStatement.Phase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewOrderTest {
    private static DdlStatement view(String name, String body) {
        return new DdlStatement(Phase.PRE_DATA, "view app." + name, "CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `"
                + name + "` AS " + body, Set.of());
    }

    private static List<String> names(List<DdlStatement> views) {
        return views.stream().map(v -> v.object().substring("view app.".length())).toList();
    }

    @Test
    void aViewComesAfterTheViewsItSelectsFrom() {
        List<DdlStatement> views = List.of(
                view("a_top", "select `b_middle`.`x` AS `x` from `b_middle`"),
                view("b_middle", "select `c_base`.`x` AS `x` from `c_base` join `customers`"),
                view("c_base", "select `customers`.`id` AS `x` from `customers`"),
                view("d_alone", "select 1 AS `a_top`"));
        assertThat(names(ViewOrder.sort(views))).containsExactly("c_base", "b_middle", "a_top", "d_alone");
    }

    @Test
    void viewsThatNeedNothingKeepTheirOrderAndACycleComesLast() {
        List<DdlStatement> views = List.of(
                view("x", "select `y`.`v` AS `v` from `y`"),
                view("y", "select `x`.`v` AS `v` from `x`"),
                view("z", "select 1 AS `one`"),
                view("w", "select 2 AS `two`"));
        assertThat(names(ViewOrder.sort(views))).containsExactly("z", "w", "x", "y");
    }
}
