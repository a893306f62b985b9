package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.vms.CallerId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of {@code template_check}: checks asked of the workers, and catalog changes made here
 * without one. The worker reads {@code proposed} as the {@link OsImageRequest} JSON written here and
 * writes {@code results} as a list of {@link PlacementResult}.
 */
@Repository
class TemplateCheckRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            select id, purpose, os_image, requested_by, requested_at, completed_at, verdict, applied, note,
                   proposed::text as proposed, results::text as results from template_check""";

    private final JdbcClient jdbc;

    TemplateCheckRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A check for a worker to claim. */
    UUID ask(String purpose, @Nullable String image, @Nullable OsImageRequest proposed, CallerId caller) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into template_check (id, purpose, os_image, proposed, requested_by) values (?, ?, ?, ?::jsonb, ?)")
                .params(id, purpose, image, json(proposed), caller.value())
                .update();
        return id;
    }

    /** A change that needed no check, made by the caller's transaction: complete from the start. */
    UUID recordDone(String purpose, String image, @Nullable OsImageRequest proposed, CallerId caller, boolean applied,
                    @Nullable String note) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into template_check (id, purpose, os_image, proposed, requested_by, completed_at, verdict, applied, note)
                        values (?, ?, ?, ?::jsonb, ?, now(), 'NOT_NEEDED', ?, ?)""")
                .params(id, purpose, image, json(proposed), caller.value(), applied, note)
                .update();
        return id;
    }

    Optional<TemplateCheckResource> find(UUID id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(TemplateCheckRecords::check).optional();
    }

    /** A page of every check and change, or one image's, newest first. */
    TemplateCheckPage list(@Nullable String image, int page, int size) {
        String where = image == null ? "" : " where os_image = ?";
        List<Object> params = new ArrayList<>();
        if (image != null) {
            params.add(image);
        }
        long total = jdbc.sql("select count(*) from template_check" + where).params(params).query(Long.class).single();
        params.add(size);
        params.add((long) page * size);
        List<TemplateCheckResource> items = jdbc.sql(COLUMNS + where + " order by requested_at desc, id limit ? offset ?")
                .params(params).query(TemplateCheckRecords::check).list();
        return TemplateCheckPage.of(items, page, size, total);
    }

    private static @Nullable String json(@Nullable OsImageRequest proposed) {
        return proposed == null ? null : JSON.writeValueAsString(proposed.normalized());
    }

    private static TemplateCheckResource check(ResultSet rs, int row) throws SQLException {
        Timestamp completedAt = rs.getTimestamp("completed_at");
        String proposed = rs.getString("proposed");
        String results = rs.getString("results");
        return new TemplateCheckResource(
                rs.getObject("id", UUID.class),
                rs.getString("purpose"),
                rs.getString("os_image"),
                rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(),
                completedAt == null ? TemplateCheckResource.PENDING : TemplateCheckResource.COMPLETED,
                completedAt == null ? null : completedAt.toInstant(),
                rs.getString("verdict"),
                rs.getBoolean("applied"),
                rs.getString("note"),
                proposed == null ? null : JSON.readValue(proposed, OsImageRequest.class),
                results == null ? null : List.of(JSON.readValue(results, PlacementResult[].class)));
    }
}
