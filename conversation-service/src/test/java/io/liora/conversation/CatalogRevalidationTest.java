package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.conversation.skills.ecommerce.ActiveCatalogs;
import io.liora.testing.InjectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The bot's copy of a tenant's catalog is revalidated with catalog-service at most once per
 * {@code liora.catalog.revalidate-after} (3 s here, so that two messages fit in it on a slow machine; the other tests revalidate on every use), by its
 * ETag, once however many messages need it at the same moment.
 */
@QuarkusTest
@TestProfile(CatalogRevalidationTest.OncePerThreeSeconds.class)
class CatalogRevalidationTest {

    public static class OncePerThreeSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liora.catalog.revalidate-after", "PT3S");
        }
    }

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    ActiveCatalogs catalogs;

    @Test
    void messagesWithinTheIntervalUseTheCopyAndOneRevalidationServesAllWhoAskAtOnce() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        String active = "/catalog/clientes/" + flow.tenant + "/catalog/active";
        say(flow, "¿Tienen catálogo?");
        wiremock.verify(1, getRequestedFor(urlPathEqualTo(active)).withHeader("If-None-Match", absent()));

        wiremock.resetRequests();
        say(flow, "¿tienen café?");
        say(flow, "catálogo");
        assertThat(flow.replies()).hasSize(2);
        wiremock.verify(0, getRequestedFor(urlPathEqualTo(active)));

        Thread.sleep(3100);
        wiremock.resetRequests();
        List<ActiveCatalogs.Catalog> copies = VertxContextSupport.subscribeAndAwait(() -> Uni.join()
                .all(IntStream.range(0, 10).mapToObj(i -> catalogs.of(flow.tenant)).toList()).andFailFast());
        assertThat(copies).hasSize(10).allSatisfy(copy -> assertThat(copy).isSameAs(copies.get(0)));
        RequestPatternBuilder revalidated = getRequestedFor(urlPathEqualTo(active))
                .withHeader("If-None-Match", equalTo("\"v1\""));
        wiremock.verify(1, revalidated);
        wiremock.verify(1, getRequestedFor(urlPathEqualTo(active)));
    }

    private static void say(FlowSupport flow, String text) throws Throwable {
        flow.deliver(Webhooks.contact("56912345678", "Ana"), Webhooks.text(Webhooks.wamid(), "56912345678",
                Webhooks.now(), text));
    }
}
