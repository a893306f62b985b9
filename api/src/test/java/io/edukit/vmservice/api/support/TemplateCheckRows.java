package io.edukit.vmservice.api.support;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plays the worker's part in {@code template_check} for tests of the API, where no worker runs:
 * finds the check a call opened and completes it as a worker would, the results written in the
 * worker's JSON and, for a change that passed, the catalog changed as the worker changes it. A
 * bean of every {@link ApiTest} context.
 */
public final class TemplateCheckRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public TemplateCheckRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the worker found at one placement; ok when there are no problems. */
    public record Result(String image, String node, int templateVmid, String storage, boolean ok, List<String> problems) {

        public static Result fit(String image, String node, int templateVmid) {
            return new Result(image, node, templateVmid, "local-lvm", true, List.of());
        }

        public static Result broken(String image, String node, int templateVmid, String... problems) {
            return new Result(image, node, templateVmid, "local-lvm", false, List.of(problems));
        }
    }

    /** The open check that {@code caller} asked for, as soon as the call under test has written it (within 10 s). */
    public UUID awaitOpen(String caller, String purpose) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<UUID> open = jdbc.sql("""
                            select id from template_check where requested_by = ? and purpose = ? and completed_at is null
                            order by requested_at desc limit 1""")
                    .params(caller, purpose).query(UUID.class).optional();
            if (open.isPresent()) {
                return open.get();
            }
            pause();
        }
        throw new AssertionError("no open " + purpose + " check by " + caller + " within 10 s");
    }

    /** Checks and changes {@code caller} asked for, open or not. */
    public long checksBy(String caller) {
        return jdbc.sql("select count(*) from template_check where requested_by = ?").param(caller).query(Long.class).single();
    }

    /** Checks {@code caller} asked for that no worker has completed. */
    public long openChecksBy(String caller) {
        return jdbc.sql("select count(*) from template_check where requested_by = ? and completed_at is null")
                .param(caller).query(Long.class).single();
    }

    /** The row as the API and the worker left it, the JSON columns as text. */
    public Map<String, Object> row(UUID id) {
        return jdbc.sql("select *, proposed::text as proposed_json, results::text as results_json from template_check where id = ?")
                .param(id).query().singleRow();
    }

    /** Completes the check as a worker whose templates all passed; a change is applied, as the worker applies it. */
    public void pass(UUID id, Result... results) {
        Map<String, Object> check = row(id);
        String purpose = (String) check.get("purpose");
        if (purpose.equals("ADD")) {
            jdbc.sql("""
                    insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb, description)
                    select p->>'name', p->>'proxmoxTemplateId', p->>'node', p->>'storage', p->>'architecture',
                           (p->>'minDiskSizeGb')::int, (p->>'minRamMb')::int, p->>'description'
                    from (select proposed as p from template_check where id = ?) proposal""").param(id).update();
        } else if (purpose.equals("ACTIVATE")) {
            jdbc.sql("update os_image set active = true, deactivated_at = null where name = ?").param(check.get("os_image")).update();
        }
        complete(id, "PASSED", !purpose.equals("VERIFY"), null, results);
    }

    /** Completes the check as a worker that found a template unfit: nothing is applied. */
    public void fail(UUID id, Result... results) {
        complete(id, "FAILED", false, null, results);
    }

    /** Completes the check as the worker does, as given. */
    public void complete(UUID id, String verdict, boolean applied, @Nullable String note, Result... results) {
        jdbc.sql("""
                        update template_check set completed_at = now(), claimed_by = 'simulated-worker', verdict = ?,
                            results = ?::jsonb, applied = ?, note = ?
                        where id = ? and completed_at is null""")
                .params(verdict, JSON.writeValueAsString(List.of(results)), applied, note, id)
                .update();
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
