package io.liora.conversation;

import io.liora.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs on one fresh database of its own. */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "liora_conversation"))
@QuarkusTestResource(OtherServices.class)
public class TestDatabase {

    /** Runs {@code sql} as the superuser on this module's test database (triggers a test plants, say). */
    static void superuser(String sql) {
        String jdbcUrl = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        io.liora.testing.TestPostgres.server().asSuperuser(jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1), sql);
    }
}
