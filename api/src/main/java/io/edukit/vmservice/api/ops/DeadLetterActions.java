package io.edukit.vmservice.api.ops;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What was done with which dead-lettered record ({@code dead_letter_action}), at most one action each. */
@Repository
class DeadLetterActions {

    private final JdbcClient jdbc;

    DeadLetterActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DeadLetterAction> find(String topic, DeadLetterPlace place) {
        return jdbc.sql("""
                        select action, actor, reason, acted_at from dead_letter_action
                        where topic = ? and partition = ? and "offset" = ?""")
                .params(topic, place.partition(), place.offset()).query(DeadLetterActions::action).optional();
    }

    /** The actions recorded for these records, by place. */
    Map<DeadLetterPlace, DeadLetterAction> find(String topic, Collection<DeadLetterPlace> places) {
        Map<DeadLetterPlace, DeadLetterAction> found = new HashMap<>();
        if (places.isEmpty()) {
            return found;
        }
        String tuples = places.stream().map(p -> "(" + p.partition() + "," + p.offset() + ")").collect(Collectors.joining(","));
        jdbc.sql("select partition, \"offset\", action, actor, reason, acted_at from dead_letter_action "
                        + "where topic = ? and (partition, \"offset\") in (" + tuples + ")")
                .param(topic)
                .query((rs, n) -> found.put(new DeadLetterPlace(rs.getInt("partition"), rs.getLong("offset")), action(rs, n)))
                .list();
        return found;
    }

    /** Records the action unless the record was acted upon before; false then. */
    boolean record(String topic, DeadLetterPlace place, String action, String actor, @Nullable String reason) {
        return jdbc.sql("""
                        insert into dead_letter_action (topic, partition, "offset", action, actor, reason)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(topic, place.partition(), place.offset(), action, actor, reason).update() == 1;
    }

    private static DeadLetterAction action(ResultSet rs, int row) throws SQLException {
        return new DeadLetterAction(rs.getString("action"), rs.getString("actor"), rs.getString("reason"),
                rs.getTimestamp("acted_at").toInstant());
    }
}
