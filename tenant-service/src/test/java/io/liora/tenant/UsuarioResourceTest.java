package io.liora.tenant;

import static io.liora.tenant.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsuarioResourceTest {

    @Test
    void commonRepetitiveAndPersonalPasswordsAreRefusedOnCreateAndChange() {
        UUID tenant = Fixtures.tenant();
        String email = "ana.compras" + (int) (Math.random() * 1e6) + "@tienda.test";
        for (String weak : new String[] {"aaaaaaaaaa", "password12", "1234567890", "Qwertyuiop", "contraseña123",
                "abababababab", "9876543210", email, "mi-" + email.split("@")[0] + "-2026", "tab\there12345"}) {
            as(Fixtures.staff("owner", tenant))
                    .body(Map.of("email", email, "rol", "agent", "password", weak))
                    .post("/clientes/" + tenant + "/usuarios").then().statusCode(400)
                    .body("errors[0].field", equalTo("password"));
        }
        String id = as(Fixtures.staff("owner", tenant)).body(Map.of("email", email, "rol", "agent",
                "password", "Zorzal en la parra 7")).post("/clientes/" + tenant + "/usuarios").then().statusCode(201)
                .extract().path("id");
        as(Fixtures.staff("owner", tenant)).body(Map.of("password", "password123"))
                .patch("/clientes/" + tenant + "/usuarios/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
        as(Fixtures.staff("owner", tenant)).body(Map.of("password", "otra frase larga de verdad"))
                .patch("/clientes/" + tenant + "/usuarios/" + id).then().statusCode(200);
    }

    @Test
    void lookAlikeAndPlusTagVariantsOfAnEmailAreTheSameAccount() {
        UUID tenant = Fixtures.tenant();
        String local = "ana" + (int) (Math.random() * 1e6);
        as(Fixtures.staff("owner", tenant)).body(Map.of("email", local + "@tienda.test", "rol", "agent",
                "password", Fixtures.PASSWORD)).post("/clientes/" + tenant + "/usuarios").then().statusCode(201);
        for (String variant : new String[] {local.toUpperCase() + "@TIENDA.TEST", local + "\u200b@tienda.test",
                "\ufeff" + local + "@tienda.test", local + "+promo@tienda.test", local + "@ｔｉｅｎｄａ.test"}) {
            as(Fixtures.staff("owner", tenant)).body(Map.of("email", variant, "rol", "agent",
                    "password", Fixtures.PASSWORD)).post("/clientes/" + tenant + "/usuarios").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(equalTo(409), equalTo(400)));
        }
        assertThat(TestDb.query(tenant, "select count(*) as n from usuarios where email_key = ?",
                local + "@tienda.test").get(0)).containsEntry("n", 1L);
        // the address is found however it is written at login
        Fixtures.login(" " + local.toUpperCase() + "\u200b@tienda.test", Fixtures.PASSWORD);
    }

    @Test
    void creatingAUserCreatesItsEmptyContextInTheSameTransaction() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        UUID usuario = UUID.fromString(as(Fixtures.staff("owner", tenant))
                .body(Map.of("email", email, "nombre", "Ana", "rol", "agent", "password", Fixtures.PASSWORD))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(201)
                .body("email", equalTo(email)).body("rol", equalTo("agent")).body("cliente_id", equalTo(tenant.toString()))
                .body("password", nullValue()).body("password_hash", nullValue())
                .extract().path("id"));
        List<Map<String, Object>> contexts = TestDb.query(tenant,
                "select usuario_id, msisdn, slots_json::text as slots from user_contexts where usuario_id = ?", usuario);
        assertThat(contexts).hasSize(1);
        assertThat(contexts.get(0).get("slots")).isEqualTo("{}");
        as(Fixtures.staff("owner", tenant)).get("/clientes/" + tenant + "/usuarios/" + usuario + "/context")
                .then().statusCode(200).body("usuario_id", equalTo(usuario.toString())).body("msisdn", nullValue());
    }

    @Test
    void theOneToOneContextIsEnforcedByTheDatabase() {
        UUID tenant = Fixtures.tenant();
        UUID usuario = Fixtures.user(tenant, "agent", Fixtures.email());
        assertThatThrownBy(() -> TestDb.update(tenant,
                "insert into user_contexts (id, usuario_id, cliente_id) values (gen_random_uuid(), ?, ?)", usuario, tenant))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
    }

    @Test
    void anAdminCannotCreateChangeOrRemoveAnOwner() {
        UUID tenant = Fixtures.tenant();
        String admin = Fixtures.staff("admin", tenant);
        as(admin).body(Map.of("email", Fixtures.email(), "rol", "owner", "password", Fixtures.PASSWORD))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(403);
        UUID owner = Fixtures.user(tenant, "owner", Fixtures.email());
        as(admin).body(Map.of("nombre", "X")).patch("/clientes/" + tenant + "/usuarios/" + owner).then().statusCode(403);
        as(admin).delete("/clientes/" + tenant + "/usuarios/" + owner).then().statusCode(403);
        UUID agent = Fixtures.user(tenant, "agent", Fixtures.email());
        as(admin).body(Map.of("rol", "owner")).patch("/clientes/" + tenant + "/usuarios/" + agent).then().statusCode(403);
        as(admin).body(Map.of("rol", "admin")).patch("/clientes/" + tenant + "/usuarios/" + agent).then().statusCode(200)
                .body("rol", equalTo("admin"));
    }

    @Test
    void aPlatformAdminGivesANewTenantItsFirstOwner() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        as(TestTokens.platformAdmin()).body(Map.of("email", email, "rol", "owner", "password", Fixtures.PASSWORD))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(201);
        String token = Fixtures.login(email, Fixtures.PASSWORD);
        as(token).get("/clientes/" + tenant + "/usuarios").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void emailsAreUniqueAcrossTenants() {
        String email = Fixtures.email();
        Fixtures.user(Fixtures.tenant(), "agent", email);
        UUID other = Fixtures.tenant();
        as(Fixtures.staff("owner", other)).body(Map.of("email", email.toUpperCase(), "rol", "agent",
                "password", Fixtures.PASSWORD)).post("/clientes/" + other + "/usuarios").then().statusCode(409);
    }

    @Test
    void listReadUpdateAndDelete() {
        UUID tenant = Fixtures.tenant();
        String owner = Fixtures.staff("owner", tenant);
        UUID a = Fixtures.user(tenant, "agent", Fixtures.email());
        Fixtures.user(tenant, "admin", Fixtures.email());
        as(owner).get("/clientes/" + tenant + "/usuarios?size=1").then().statusCode(200)
                .body("items", hasSize(1)).body("total", equalTo(2));
        as(owner).get("/clientes/" + tenant + "/usuarios/" + a).then().statusCode(200).body("rol", equalTo("agent"));
        as(owner).body(Map.of("nombre", "Nuevo nombre", "password", "another long password"))
                .patch("/clientes/" + tenant + "/usuarios/" + a).then().statusCode(200).body("nombre", equalTo("Nuevo nombre"));
        as(owner).delete("/clientes/" + tenant + "/usuarios/" + a).then().statusCode(204);
        as(owner).get("/clientes/" + tenant + "/usuarios/" + a).then().statusCode(404);
        assertThat(TestDb.query(tenant, "select 1 from user_contexts where usuario_id = ?", a)).isEmpty();
    }

    @Test
    void theLastActiveOwnerStays() {
        UUID tenant = Fixtures.tenant();
        UUID owner = Fixtures.user(tenant, "owner", Fixtures.email());
        String token = Fixtures.staff("owner", tenant);
        as(token).delete("/clientes/" + tenant + "/usuarios/" + owner).then().statusCode(409);
        as(token).body(Map.of("rol", "admin")).patch("/clientes/" + tenant + "/usuarios/" + owner).then().statusCode(409);
        Fixtures.user(tenant, "owner", Fixtures.email());
        as(token).delete("/clientes/" + tenant + "/usuarios/" + owner).then().statusCode(204);
    }

    @Test
    void theContextIsReplacedAndValidated() {
        UUID tenant = Fixtures.tenant();
        UUID usuario = Fixtures.user(tenant, "agent", Fixtures.email());
        String path = "/clientes/" + tenant + "/usuarios/" + usuario + "/context";
        Map<String, Object> body = new HashMap<>();
        body.put("msisdn", "+56912345678");
        body.put("last_intent", "catalogo.buscar");
        body.put("slots_json", Map.of("termino", "zapatillas"));
        body.put("context_json", Map.of("idioma", "es", "visitas", 3));
        as(Fixtures.staff("admin", tenant)).body(body).put(path).then().statusCode(200)
                .body("msisdn", equalTo("+56912345678")).body("slots_json.termino", equalTo("zapatillas"))
                .body("context_json.visitas", equalTo(3));
        as(Fixtures.staff("admin", tenant)).body(Map.of("msisdn", "+56912345678")).put(path).then().statusCode(200)
                .body("last_intent", nullValue()).body("slots_json.size()", equalTo(0));
        for (String bad : new String[] {"56912345678", "+0912345678", "+56 9 1234 5678", "+5691234567890123"}) {
            as(Fixtures.staff("admin", tenant)).body(Map.of("msisdn", bad)).put(path).then().statusCode(400)
                    .body("errors.field", hasItem("msisdn"));
        }
    }

    @Test
    void agentsSeeOnlyThemselves() {
        UUID tenant = Fixtures.tenant();
        UUID me = Fixtures.user(tenant, "agent", Fixtures.email());
        UUID colleague = Fixtures.user(tenant, "agent", Fixtures.email());
        String myToken = TestTokens.sign(TestTokens.claims("agent", me.toString()).claim("usuario_id", me.toString())
                .claim("cliente_id", tenant.toString()));
        as(myToken).get("/clientes/" + tenant + "/usuarios/" + me).then().statusCode(200);
        as(myToken).get("/clientes/" + tenant + "/usuarios/" + me + "/context").then().statusCode(200);
        as(myToken).get("/clientes/" + tenant + "/usuarios/" + colleague).then().statusCode(403);
        as(myToken).get("/clientes/" + tenant + "/usuarios/" + colleague + "/context").then().statusCode(403);
        as(myToken).get("/clientes/" + tenant + "/usuarios").then().statusCode(403);
    }

    @Test
    void anotherTenantsUsersAreInvisible() {
        UUID mine = Fixtures.tenant();
        UUID theirs = Fixtures.tenant();
        UUID theirUser = Fixtures.user(theirs, "agent", Fixtures.email());
        String owner = Fixtures.staff("owner", mine);
        // their user's id under my tenant's path: not found, not theirs
        as(owner).get("/clientes/" + mine + "/usuarios/" + theirUser).then().statusCode(404);
        as(owner).body(Map.of("nombre", "hijacked")).patch("/clientes/" + mine + "/usuarios/" + theirUser)
                .then().statusCode(404);
        as(owner).delete("/clientes/" + mine + "/usuarios/" + theirUser).then().statusCode(404);
        as(owner).get("/clientes/" + mine + "/usuarios/" + theirUser + "/context").then().statusCode(404);
        // their tenant in the path, or in X-Client-ID: forbidden
        as(owner).get("/clientes/" + theirs + "/usuarios/" + theirUser).then().statusCode(403);
        as(owner).header("X-Client-ID", theirs.toString()).get("/clientes/" + mine + "/usuarios").then().statusCode(403);
        as(TestTokens.platformAdmin()).get("/clientes/" + theirs + "/usuarios/" + theirUser).then().statusCode(200)
                .body("nombre", equalTo("Persona"));
    }
}
