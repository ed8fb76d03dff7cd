package io.liora.common.tenant;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.security.LioraClaims;
import io.liora.common.security.Roles;
import java.util.List;
import java.util.UUID;

/**
 * The tenant rules of the brief, in one place:
 * <ul>
 * <li>the token is the authority; staff ({@code owner}, {@code admin}, {@code agent}) belong to the
 * tenant in their {@code cliente_id} claim, and {@code X-Client-ID}, when sent, must equal it;</li>
 * <li>{@code service} and {@code platform_admin} tokens select the tenant with {@code X-Client-ID}
 * (or, without it, with the path);</li>
 * <li>a {@code /clientes/{clienteId}/...} path must name the resolved tenant;</li>
 * <li>a route that needs a tenant and has none answers 400.</li>
 * </ul>
 */
public final class TenantResolver {

    private TenantResolver() {
    }

    /**
     * @param caller  the token's role and tenant
     * @param header  the {@code X-Client-ID} header, or {@code null}
     * @param pathId  the {@code clienteId} path parameter, or {@code null}
     * @return the tenant the request works in
     * @throws ProblemException 400, 401 or 403 as the rules say
     */
    public static UUID resolve(Caller caller, String header, String pathId) {
        if (caller.rol() == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token has no role");
        }
        UUID selected = header == null || header.isBlank() ? null : parseHeader(header);
        UUID inPath = pathId == null ? null : parsePath(pathId);

        if (Roles.CROSS_TENANT.contains(caller.rol())) {
            if (selected != null && inPath != null && !selected.equals(inPath)) {
                throw mismatch("The path names another tenant than " + LioraClaims.CLIENT_ID_HEADER);
            }
            UUID tenant = selected != null ? selected : inPath;
            if (tenant == null) {
                throw new ProblemException(ProblemType.TENANT_REQUIRED,
                        "Send the tenant's id in the " + LioraClaims.CLIENT_ID_HEADER + " header");
            }
            return tenant;
        }
        if (!Roles.TENANT_STAFF.contains(caller.rol())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Your role may not do this");
        }
        if (caller.clienteId() == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token has no cliente_id");
        }
        UUID own = parseClaim(caller.clienteId());
        if (selected != null && !selected.equals(own)) {
            throw mismatch(LioraClaims.CLIENT_ID_HEADER + " names another tenant than your token");
        }
        if (inPath != null && !inPath.equals(own)) {
            throw mismatch("The path names another tenant than your token");
        }
        return own;
    }

    private static ProblemException mismatch(String detail) {
        return new ProblemException(ProblemType.TENANT_MISMATCH, detail);
    }

    private static UUID parseHeader(String header) {
        try {
            return UUID.fromString(header.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.TENANT_REQUIRED,
                    LioraClaims.CLIENT_ID_HEADER + " must be a tenant id (a UUID)");
        }
    }

    private static UUID parsePath(String pathId) {
        try {
            return UUID.fromString(pathId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(
                    new Problem.FieldError(LioraClaims.CLIENTE_ID_PATH_PARAM, null, "must be a UUID")));
        }
    }

    private static UUID parseClaim(String claim) {
        try {
            return UUID.fromString(claim);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token's cliente_id is not a UUID");
        }
    }
}
