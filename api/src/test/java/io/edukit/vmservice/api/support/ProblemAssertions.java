package io.edukit.vmservice.api.support;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks an answer is one of our RFC 9457 problem details. */
public final class ProblemAssertions {

    public static final String PROBLEMS = "https://edukit.io/problems/vmservice/";

    private ProblemAssertions() {
    }

    /** The status, our type ({@code https://edukit.io/problems/vmservice/<type>}), a title and a detail. */
    public static void assertProblem(HttpCaller.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo(PROBLEMS + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }
}
