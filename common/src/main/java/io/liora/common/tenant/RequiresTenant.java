package io.liora.common.tenant;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (class or method) that works inside one tenant. Before it runs, the tenant is
 * resolved from the token, {@code X-Client-ID} and the {@code clienteId} path parameter, and made
 * available through {@link TenantContext}; a request without a usable tenant is refused.
 * The seed's {@code requires_tenant}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresTenant {
}
