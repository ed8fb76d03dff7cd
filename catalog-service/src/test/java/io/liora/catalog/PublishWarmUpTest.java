package io.liora.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.catalog.publish.PublishWarmUp;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishWarmUpTest {

    @Inject
    @Readiness // a health check's bean carries its kind as qualifier
    PublishWarmUp warmUp;

    @Test
    void theStartUpRehearsalIndexesItsWholeMadeUpCatalogAndThenTheReplicaIsReady() throws InterruptedException {
        assertThat(warmUp.rehearse()).isEqualTo(PublishWarmUp.ITEMS);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (warmUp.call().getStatus() != HealthCheckResponse.Status.UP && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(warmUp.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
