package io.liora.integrations;

import io.liora.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs on one fresh database of its own, with WireMock outside. */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "liora_integrations"))
@QuarkusTestResource(OutsideApis.class)
public class TestDatabase {
}
