package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.tenant.NumberOwners;
import io.liora.conversation.tenant.TenantServiceApi;
import io.liora.testing.InjectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A number's owner: the webhooks that need it at once wait for one call to tenant-service; an
 * unknown number is an empty answer; a change of owner or state shows once the entry expires
 * (immediately in tests, {@code liora.tenants.cache-ttl=PT0S}); tenant-service down is a failure.
 */
@QuarkusTest
class NumberOwnersTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    NumberOwners owners;

    private static String path(String number) {
        return "/tenant/internal/waba/by-phone-number/" + number;
    }

    @org.junit.jupiter.api.BeforeEach
    void serviceTokens() {
        Webhooks.tenantService(wiremock);
    }

    @Test
    void concurrentLookupsOfOneNumberAreOneCall() {
        String number = "1" + (long) (Math.random() * 1e14);
        UUID tenant = UUID.randomUUID();
        wiremock.stubFor(get(path(number)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(400)
                .withBody("{\"cliente_id\":\"" + tenant + "\",\"estado\":\"activo\",\"cliente_estado\":\"activo\","
                        + "\"cliente_slug\":\"tienda\",\"plan\":\"pro\",\"policy\":{}}")));
        List<Optional<TenantServiceApi.NumberOwner>> found = Uni.join().all(
                        owners.owner(number), owners.owner(number), owners.owner(number), owners.owner(number))
                .andFailFast().await().atMost(Duration.ofSeconds(10));
        assertThat(found).allSatisfy(owner -> assertThat(owner).get()
                .extracting(TenantServiceApi.NumberOwner::clienteId).isEqualTo(tenant));
        wiremock.verify(1, getRequestedFor(urlEqualTo(path(number))));
    }

    @Test
    void anUnknownNumberIsEmptyAChangeShowsAfterExpiryAndAnOutageFails() {
        String number = "1" + (long) (Math.random() * 1e14);
        Webhooks.unknownNumber(wiremock, number);
        assertThat(owners.owner(number).await().atMost(Duration.ofSeconds(10))).isEmpty();

        UUID tenant = UUID.randomUUID();
        Webhooks.number(wiremock, number, tenant, "suspendido");
        assertThat(owners.owner(number).await().atMost(Duration.ofSeconds(10))).get()
                .extracting(TenantServiceApi.NumberOwner::clienteEstado).isEqualTo("suspendido");

        wiremock.stubFor(get(path(number)).willReturn(aResponse().withStatus(503)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> owners.owner(number).await()
                .atMost(Duration.ofSeconds(10))).isNotNull();
    }
}
