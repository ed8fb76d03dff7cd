package io.liora.tenant;

import io.liora.testing.ServiceEssentialsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantServiceEssentialsTest extends ServiceEssentialsContract {
}
