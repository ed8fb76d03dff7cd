package io.liora.conversation.handoff;

import io.liora.common.security.Roles;
import io.liora.common.tenant.Caller;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The staff user calling, from the token: who, with which role, and the token to act as them. */
public record Staff(UUID usuarioId, String rol, String bearer) {

    public static Staff of(JsonWebToken jwt) {
        return new Staff(Caller.usuarioId(jwt), Caller.of(jwt).rol(), "Bearer " + jwt.getRawToken());
    }

    /** Owners and admins manage the team's conversations; agents only their own. */
    public boolean manager() {
        return Roles.OWNER.equals(rol) || Roles.ADMIN.equals(rol);
    }
}
