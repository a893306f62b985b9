package io.edukit.vmservice.api.catalog;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class CatalogAndDocumentsTest {

    @LocalServerPort
    int port;

    @Test
    void theSeededDebianImageIsListedWithItsMinimums() {
        JsonNode images = HttpCaller.authorized(port).get("/api/v1/os-images").json();

        assertThat(images.values()).anySatisfy(image -> {
            assertThat(image.get("name").asString()).isEqualTo("debian-12");
            assertThat(image.get("minDiskSizeGb").asInt()).isEqualTo(4);
            assertThat(image.get("minRamMb").asInt()).isEqualTo(512);
            assertThat(image.get("architecture").asString()).isEqualTo("x86_64");
        });
    }

    @Test
    void theOpenApiDocumentDescribesTheVmEndpointsAndAnyoneMayReadIt() {
        HttpCaller.Response document = HttpCaller.withoutToken(port).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").propertyNames()).contains("/api/v1/vms", "/api/v1/vms/{id}", "/api/v1/os-images");
        assertThat(HttpCaller.withoutToken(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void healthIsUpAndAnyoneMayAsk() {
        assertThat(HttpCaller.withoutToken(port).get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(HttpCaller.withoutToken(port).get("/actuator/health/readiness").status())
                .as("ready: the database and Kafka answer").isEqualTo(200);
    }
}
