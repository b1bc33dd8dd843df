package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.ipythonblocks.Problem.Violation;
import org.junit.jupiter.api.Test;

/** The one JSON error shape, as a JAX-RS answer and as text for Vert.x. */
class ProblemJsonTest {

    @Test
    void anErrorIsTitleStatusAndDetailInThatOrder() {
        var response = ProblemJson.response(404, "Not found", "No public grid has the id bizkiL");
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(response.getEntity()).isEqualTo(Map.of("title", "Not found", "status", 404, "detail", "No public grid has the id bizkiL"));
        assertThat(((Map<?, ?>) response.getEntity()).keySet().toString()).isEqualTo("[title, status, detail]");
    }

    @Test
    void aRefusedBodyListsItsViolationsInsteadOfADetail() {
        List<Violation> violations = List.of(new Violation("secret", "must be true or false, not the number 1"));
        var response = ProblemJson.violations(400, "The grid was not stored", violations);
        assertThat(((Map<?, ?>) response.getEntity()).keySet().toString()).isEqualTo("[title, status, violations]");
        assertThat(((Map<?, ?>) response.getEntity()).get("violations")).isEqualTo(violations);
    }

    @Test
    void asTextItIsTheSameShapeEscapedAsJson() {
        assertThat(ProblemJson.text(503, "Service Unavailable", "say \"later\"\n\\ ñ"))
                .isEqualTo("{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"say \\\"later\\\"\\n\\\\ ñ\"}");
        assertThat(ShutdownGate.REFUSAL).isEqualTo("{\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"This server is restarting; try again in a few seconds.\"}");
    }
}
