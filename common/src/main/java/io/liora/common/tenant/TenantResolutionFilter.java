package io.liora.common.tenant;

import io.liora.common.problem.ProblemException;
import io.liora.common.problem.Problems;
import io.liora.common.security.LioraClaims;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Resolves the tenant of every {@link RequiresTenant} route, after authentication. */
@Provider
@RequiresTenant
@Priority(Priorities.AUTHORIZATION + 10)
public class TenantResolutionFilter implements ContainerRequestFilter {

    private final JsonWebToken jwt;
    private final TenantContext tenant;

    public TenantResolutionFilter(JsonWebToken jwt, TenantContext tenant) {
        this.jwt = jwt;
        this.tenant = tenant;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            tenant.set(TenantResolver.resolve(Caller.of(jwt),
                    request.getHeaderString(LioraClaims.CLIENT_ID_HEADER),
                    request.getUriInfo().getPathParameters().getFirst(LioraClaims.CLIENTE_ID_PATH_PARAM)));
        } catch (ProblemException e) {
            request.abortWith(Problems.response(e.toProblem(request.getUriInfo().getPath())));
        }
    }
}
