package io.edukit.vmservice.worker.templatechecks;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The checks OPS asked for ({@code template_check}), shared by every replica. A check is open until
 * completed; a replica claims the oldest open one nobody holds a live claim on, measured by the
 * database clock, so a replica that died is relieved of its check once the claim runs out.
 */
@Repository
class TemplateCheckQueue {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    TemplateCheckQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the oldest open check for {@code owner}, for {@code claimFor}; empty when none is free. */
    Optional<TemplateCheck> claim(String owner, Duration claimFor) {
        return jdbc.sql("""
                        update template_check set claimed_by = ?, claim_expires_at = statement_timestamp() + ?::interval
                        where id = (select id from template_check
                                    where completed_at is null
                                      and (claim_expires_at is null or claim_expires_at < statement_timestamp())
                                    order by requested_at limit 1 for update skip locked)
                        returning id, purpose, os_image, proposed::text as proposed, requested_by""")
                .params(owner, claimFor.toMillis() + " milliseconds")
                .query(TemplateCheckQueue::check).optional();
    }

    /**
     * Locks the check for completion, in the caller's transaction; false when it was completed
     * meanwhile (by a replica that took it over), which then must change nothing.
     */
    boolean lockIfOpen(UUID id) {
        return jdbc.sql("select id from template_check where id = ? and completed_at is null for update")
                .param(id).query(UUID.class).optional().isPresent();
    }

    void complete(UUID id, String owner, CheckOutcome outcome, boolean applied, @Nullable String note) {
        jdbc.sql("""
                        update template_check set completed_at = now(), claimed_by = ?, claim_expires_at = null,
                            verdict = ?, results = ?::jsonb, applied = ?, note = ?
                        where id = ?""")
                .params(owner, outcome.verdict().name(), JSON.writeValueAsString(outcome.results()), applied, note, id)
                .update();
    }

    private static TemplateCheck check(ResultSet rs, int row) throws SQLException {
        String proposed = rs.getString("proposed");
        return new TemplateCheck(rs.getObject("id", UUID.class), CheckPurpose.valueOf(rs.getString("purpose")),
                rs.getString("os_image"), proposed == null ? null : JSON.readValue(proposed, ProposedImage.class),
                rs.getString("requested_by"));
    }
}
