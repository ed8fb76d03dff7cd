package io.liora.catalog;

import io.liora.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs on one fresh database of its own. */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "liora_catalog"))
@QuarkusTestResource(TenantService.class)
public class TestDatabase {
}
