package io.liora.conversation.handoff;

import io.liora.common.security.LioraClaims;
import io.liora.common.security.Roles;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The staff user calling, from the token: who, with which role, and the token to act as them. */
public record Staff(UUID usuarioId, String rol, String bearer) {

    public static Staff of(JsonWebToken jwt) {
        Object id = jwt.getClaim(LioraClaims.USUARIO_ID);
        String text = id instanceof jakarta.json.JsonString s ? s.getString() : id == null ? null : id.toString();
        return new Staff(text == null ? null : UUID.fromString(text), jwt.getClaim(LioraClaims.ROL) instanceof
                jakarta.json.JsonString r ? r.getString() : String.valueOf(jwt.<Object>getClaim(LioraClaims.ROL)),
                "Bearer " + jwt.getRawToken());
    }

    /** Owners and admins manage the team's conversations; agents only their own. */
    public boolean manager() {
        return Roles.OWNER.equals(rol) || Roles.ADMIN.equals(rol);
    }
}
