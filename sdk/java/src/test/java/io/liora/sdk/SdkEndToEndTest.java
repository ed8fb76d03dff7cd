package io.liora.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.sdk.catalog.api.PublishApi;
import io.liora.sdk.catalog.model.PublishBody;
import io.liora.sdk.catalog.model.PublishResult;
import io.liora.sdk.tenant.api.AuthApi;
import io.liora.sdk.tenant.api.ClientesApi;
import io.liora.sdk.tenant.api.UsuariosApi;
import io.liora.sdk.tenant.model.ClienteCreate;
import io.liora.sdk.tenant.model.ClienteView;
import io.liora.sdk.tenant.model.LoginRequest;
import io.liora.sdk.tenant.model.UsuarioCreate;
import io.liora.sdk.tenant.model.UsuarioView;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The generated Java SDK against the real services (deploy/local/e2e.sh runs it with
 * -Dliora.e2e=true while the five processes are up): a platform admin logs in, creates a tenant and
 * invites its owner, who logs in and publishes a catalog.
 */
@EnabledIfSystemProperty(named = "liora.e2e", matches = "true")
class SdkEndToEndTest {

    @Test
    void loginInviteAndPublishThroughTheSdk() throws Exception {
        Map<String, String> env = Files.readAllLines(Path.of("../../deploy/local/demo.env")).stream()
                .filter(line -> line.contains("=")).collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
        io.liora.sdk.tenant.ApiClient tenantClient = new io.liora.sdk.tenant.ApiClient();
        tenantClient.updateBaseUri(env.get("LIORA_TENANT_URL"));
        String admin = new AuthApi(tenantClient).login(new LoginRequest()
                .email(env.get("LIORA_PLATFORM_ADMIN_EMAIL")).password(env.get("LIORA_PLATFORM_ADMIN_PASSWORD")))
                .getAccessToken();
        Map<String, String> asAdmin = Map.of("Authorization", "Bearer " + admin);

        String slug = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        ClienteView tenant = new ClientesApi(tenantClient).createCliente(new ClienteCreate().slug(slug)
                .nombre("Tienda SDK").plan("pro"), asAdmin);
        String email = slug + "@example.com";
        UsuarioView owner = new UsuariosApi(tenantClient).createUsuario(tenant.getId(), new UsuarioCreate()
                .email(email).nombre("Dueña").rol("owner").password("a long enough password"), asAdmin);
        assertThat(owner.getClienteId()).isEqualTo(tenant.getId());

        String ownerToken = new AuthApi(tenantClient).login(new LoginRequest().email(email)
                .password("a long enough password")).getAccessToken();
        io.liora.sdk.catalog.ApiClient catalogClient = new io.liora.sdk.catalog.ApiClient();
        catalogClient.updateBaseUri(env.get("LIORA_CATALOG_URL"));
        PublishResult published = new PublishApi(catalogClient).publishCatalog(tenant.getId(), new PublishBody()
                .items(List.of(new io.liora.sdk.catalog.model.Item().sku("SDK-1").nombre("Producto SDK")
                        .precio(new BigDecimal("4990")).url("https://tienda.example.com/p/sdk-1"))),
                null, null, Map.of("Authorization", "Bearer " + ownerToken));
        assertThat(published.getVersion()).isEqualTo(1);
        assertThat(published.getItemCount()).isEqualTo(1);
    }
}
