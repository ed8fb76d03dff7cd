package io.liora.integrations;

import io.liora.testing.ServiceEssentialsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IntegrationsServiceEssentialsTest extends ServiceEssentialsContract {
}
