package io.liora.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liora.common.problem.ProblemException;
import io.liora.common.tenant.Caller;
import io.liora.common.tenant.TenantResolver;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantResolverTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void staffBelongToTheirClaimWithOrWithoutHeader() {
        Caller owner = new Caller("owner", A.toString());
        assertThat(TenantResolver.resolve(owner, null, null)).isEqualTo(A);
        assertThat(TenantResolver.resolve(owner, A.toString(), null)).isEqualTo(A);
        assertThat(TenantResolver.resolve(owner, null, A.toString())).isEqualTo(A);
        assertThat(TenantResolver.resolve(owner, A.toString(), A.toString())).isEqualTo(A);
    }

    @Test
    void staffCannotSelectAnotherTenant() {
        Caller agent = new Caller("agent", A.toString());
        assertStatus(() -> TenantResolver.resolve(agent, B.toString(), null), 403);
        assertStatus(() -> TenantResolver.resolve(agent, null, B.toString()), 403);
        assertStatus(() -> TenantResolver.resolve(agent, A.toString(), B.toString()), 403);
    }

    @Test
    void staffWithoutTenantClaimAreUnauthenticated() {
        assertStatus(() -> TenantResolver.resolve(new Caller("admin", null), A.toString(), null), 401);
        assertStatus(() -> TenantResolver.resolve(new Caller("admin", "not-a-uuid"), null, null), 401);
    }

    @Test
    void servicesAndPlatformAdminsSelectTheTenant() {
        for (String rol : new String[] {"service", "platform_admin"}) {
            Caller caller = new Caller(rol, null);
            assertThat(TenantResolver.resolve(caller, B.toString(), null)).isEqualTo(B);
            assertThat(TenantResolver.resolve(caller, null, B.toString())).isEqualTo(B);
            assertThat(TenantResolver.resolve(caller, B.toString(), B.toString())).isEqualTo(B);
            assertStatus(() -> TenantResolver.resolve(caller, null, null), 400);
            assertStatus(() -> TenantResolver.resolve(caller, A.toString(), B.toString()), 403);
        }
    }

    @Test
    void malformedSelectorsAreRefused() {
        assertStatus(() -> TenantResolver.resolve(new Caller("service", null), "acme", null), 400);
        assertStatus(() -> TenantResolver.resolve(new Caller("service", null), null, "acme"), 400);
    }

    @Test
    void unknownRolesAndMissingRolesAreRefused() {
        assertStatus(() -> TenantResolver.resolve(new Caller(null, A.toString()), null, null), 401);
        assertStatus(() -> TenantResolver.resolve(new Caller("guest", A.toString()), null, null), 403);
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
