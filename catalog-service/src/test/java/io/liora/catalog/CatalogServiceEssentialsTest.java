package io.liora.catalog;

import io.liora.testing.ServiceEssentialsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogServiceEssentialsTest extends ServiceEssentialsContract {
}
