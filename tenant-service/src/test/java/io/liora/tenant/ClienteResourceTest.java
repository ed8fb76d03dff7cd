package io.liora.tenant;

import static io.liora.tenant.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClienteResourceTest {

    @Test
    void platformAdminCreatesReadsAndChangesATenant() {
        String slug = "tienda-" + UUID.randomUUID().toString().substring(0, 8);
        var created = as(TestTokens.platformAdmin()).body(Map.of("slug", slug, "nombre", "  Tienda Uno ", "plan", "pro"))
                .post("/clientes").then().statusCode(201)
                .body("slug", equalTo(slug)).body("nombre", equalTo("Tienda Uno")).body("estado", equalTo("activo"))
                .extract();
        String id = created.path("id");
        org.assertj.core.api.Assertions.assertThat(created.header("Location")).endsWith("/clientes/" + id);
        as(TestTokens.platformAdmin()).body(Map.of("plan", "enterprise", "nombre", "Tienda 1"))
                .patch("/clientes/" + id).then().statusCode(200)
                .body("plan", equalTo("enterprise")).body("nombre", equalTo("Tienda 1")).body("slug", equalTo(slug));
        as(TestTokens.platformAdmin()).get("/clientes/" + id).then().statusCode(200).body("plan", equalTo("enterprise"));
    }

    @Test
    void slugsAreUniqueAndUrlSafe() {
        String slug = "unico-" + UUID.randomUUID().toString().substring(0, 8);
        as(TestTokens.platformAdmin()).body(Map.of("slug", slug, "nombre", "A")).post("/clientes").then().statusCode(201);
        as(TestTokens.platformAdmin()).body(Map.of("slug", slug, "nombre", "B")).post("/clientes").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:conflict"));
        for (String bad : new String[] {"Mayus", "con espacio", "-guion", "acentuó", "a/b", "x".repeat(51)}) {
            as(TestTokens.platformAdmin()).body(Map.of("slug", bad, "nombre", "C")).post("/clientes").then()
                    .statusCode(400).body("errors.field", hasItem("slug"));
        }
    }

    @Test
    void listingIsPaginated() {
        for (int i = 0; i < 3; i++) {
            Fixtures.tenant();
        }
        as(TestTokens.platformAdmin()).get("/clientes?page=0&size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(3));
        as(TestTokens.platformAdmin()).get("/clientes?size=500").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void ownersAndAdminsReadTheirTenantOnlyAndAgentsNot() {
        UUID tenant = Fixtures.tenant();
        UUID other = Fixtures.tenant();
        as(Fixtures.staff("owner", tenant)).get("/clientes/" + tenant).then().statusCode(200)
                .body("id", equalTo(tenant.toString()));
        as(Fixtures.staff("admin", tenant)).get("/clientes/" + tenant).then().statusCode(200);
        as(Fixtures.staff("agent", tenant)).get("/clientes/" + tenant).then().statusCode(403);
        as(Fixtures.staff("owner", tenant)).get("/clientes/" + other).then().statusCode(403)
                .body("type", equalTo("urn:liora:problem:tenant-mismatch"));
        as(Fixtures.staff("owner", tenant)).body(Map.of("plan", "enterprise")).patch("/clientes/" + tenant)
                .then().statusCode(403);
        as(Fixtures.staff("owner", tenant)).get("/clientes").then().statusCode(403);
    }

    @Test
    void ownersSetTheBotsPolicyAndServicesSeeItWithTheNumber() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        Fixtures.waba(tenant, number, "EAAG-policy-token-000000000");
        Map<String, Object> policy = Map.of("enabled_skills", List.of("catalogo", "vida_sana"),
                "texts", Map.of("menu.greeting", "¡Bienvenido a Tienda Uno!"),
                "nomatch", Map.of("min_rate", 0.125, "offer_human_after", 2),
                "reply_rate_per_minute", 120);
        as(Fixtures.staff("owner", tenant)).body(policy).put("/clientes/" + tenant + "/policy").then().statusCode(200)
                .body("enabled_skills", equalTo(List.of("catalogo", "vida_sana")))
                .body("nomatch.offer_human_after", equalTo(2));
        as(Fixtures.staff("admin", tenant)).get("/clientes/" + tenant + "/policy").then().statusCode(200)
                .body("texts.'menu.greeting'", equalTo("¡Bienvenido a Tienda Uno!"));
        as(TestTokens.service("conversation-service")).get("/internal/waba/by-phone-number/" + number).then()
                .statusCode(200).body("plan", equalTo("pro")).body("policy.reply_rate_per_minute", equalTo(120));
    }

    @Test
    void aPolicyCarriesOptOutWordsAndRecyclingPointsValidated() {
        UUID tenant = Fixtures.tenant();
        Map<String, Object> policy = Map.of("opt_out_keywords", List.of("chao bot", "STOP"),
                "opt_in_keywords", List.of("volví"),
                "recycling_points", List.of(Map.of("name", "Punto Limpio Providencia", "address", "Av. Los Leones 1500",
                        "lat", -33.428, "lon", -70.61, "accepts", "vidrio, latas")));
        as(Fixtures.staff("owner", tenant)).body(policy).put("/clientes/" + tenant + "/policy").then().statusCode(200)
                .body("opt_out_keywords", equalTo(List.of("chao bot", "STOP")))
                .body("recycling_points[0].name", equalTo("Punto Limpio Providencia"));
        as(Fixtures.staff("owner", tenant)).body(Map.of("opt_out_keywords", List.of(""),
                        "recycling_points", List.of(Map.of("name", "Lejos", "lat", 123.0, "lon", -70.6))))
                .put("/clientes/" + tenant + "/policy").then().statusCode(400)
                .body("errors.field", hasItem("opt_out_keywords[0]"))
                .body("errors.field", hasItem("recycling_points[0].lat"));
    }

    @Test
    void aPolicyCarriesBusinessHoursAndTheHandoffTimeoutValidated() {
        UUID tenant = Fixtures.tenant();
        Map<String, Object> handoff = Map.of("idle_minutes", 45, "business_hours", Map.of("time_zone", "America/Santiago",
                "openings", List.of(Map.of("day", "mon", "opens", "09:00", "closes", "18:30"),
                        Map.of("day", "sat", "opens", "10:00", "closes", "14:00"))));
        as(Fixtures.staff("owner", tenant)).body(Map.of("handoff", handoff)).put("/clientes/" + tenant + "/policy")
                .then().statusCode(200).body("handoff.idle_minutes", equalTo(45))
                .body("handoff.business_hours.time_zone", equalTo("America/Santiago"))
                .body("handoff.business_hours.openings[1].day", equalTo("sat"))
                .body("handoff.business_hours", not(hasKey("known_time_zone")));
        as(Fixtures.staff("owner", tenant)).body(Map.of("handoff", Map.of("idle_minutes", 0, "business_hours",
                        Map.of("time_zone", "Mars/Olympus", "openings", List.of(
                                Map.of("day", "lunes", "opens", "9", "closes", "18:00"),
                                Map.of("day", "tue", "opens", "18:00", "closes", "09:00"))))))
                .put("/clientes/" + tenant + "/policy").then().statusCode(400)
                .body("errors.field", hasItem("handoff.idle_minutes"))
                .body("errors.field", hasItem("handoff.business_hours.openings[0].day"))
                .body("errors.field", hasItem("handoff.business_hours.openings[0].opens"))
                .body("errors.message", hasItem("time_zone is not an IANA time zone such as America/Santiago"))
                .body("errors.message", hasItem("closes must be after opens"));
    }

    @Test
    void aPolicyIsValidatedAndOnlyItsTenantsOwnersAndAdminsSetIt() {
        UUID tenant = Fixtures.tenant();
        as(Fixtures.staff("owner", tenant)).body(Map.of("enabled_skills", List.of("casino"), "reply_rate_per_minute", 0))
                .put("/clientes/" + tenant + "/policy").then().statusCode(400)
                .body("errors.field", hasItem("enabled_skills[0]")).body("errors.field", hasItem("reply_rate_per_minute"));
        as(Fixtures.staff("agent", tenant)).body(Map.of()).put("/clientes/" + tenant + "/policy").then().statusCode(403);
        as(Fixtures.staff("owner", UUID.randomUUID())).body(Map.of()).put("/clientes/" + tenant + "/policy").then()
                .statusCode(403);
    }

    @Test
    void unknownTenantsAreNotFound() {
        as(TestTokens.platformAdmin()).get("/clientes/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.platformAdmin()).get("/clientes/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("clienteId"));
    }
}
