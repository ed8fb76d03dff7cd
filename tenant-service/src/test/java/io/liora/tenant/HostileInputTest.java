package io.liora.tenant;

import io.liora.testing.HostileInputContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;

/** Every route of tenant-service, tried with NUL, lone surrogates and over-long strings: never a 5xx. */
@QuarkusTest
class HostileInputTest extends HostileInputContract {

    @Override
    protected UUID tenant() {
        return Fixtures.tenant();
    }
}
