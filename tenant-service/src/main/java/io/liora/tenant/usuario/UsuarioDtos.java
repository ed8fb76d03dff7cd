package io.liora.tenant.usuario;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the user and context routes read and write. */
public final class UsuarioDtos {

    static final String STAFF_ROL = "^(owner|admin|agent)$";
    static final String ESTADO = "^(activo|inactivo)$";
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits. */
    static final String E164 = "^\\+[1-9][0-9]{6,14}$";

    private UsuarioDtos() {
    }

    public record UsuarioCreate(
            @Schema(example = "agente@tienda-sana.cl") @NotBlank @Email @Size(max = 254) String email,
            @Schema(example = "Camila Rojas") @Size(max = 100) String nombre,
            @Schema(example = "agent") @NotBlank @Pattern(regexp = STAFF_ROL, message = "owner, admin or agent") String rol,
            @Schema(example = "a long enough password")
            @NotBlank @Size(min = 10, max = 128, message = "10 to 128 characters") String password) {

        @Override
        public String toString() {
            return "UsuarioCreate[email=" + email + ", rol=" + rol + "]";
        }
    }

    /** Only the fields present change. */
    public record UsuarioPatch(
            @Size(min = 1, max = 100) String nombre,
            @Pattern(regexp = STAFF_ROL, message = "owner, admin or agent") String rol,
            @Pattern(regexp = ESTADO, message = "activo or inactivo") String estado,
            @Size(min = 10, max = 128, message = "10 to 128 characters") String password) {

        @Override
        public String toString() {
            return "UsuarioPatch[rol=" + rol + ", estado=" + estado + "]";
        }
    }

    public record UsuarioView(UUID id, UUID clienteId, String email, String nombre, String rol, String estado,
            Instant createdAt, Instant updatedAt) {

        static UsuarioView of(Usuario usuario) {
            return new UsuarioView(usuario.id, usuario.clienteId, usuario.email, usuario.nombre, usuario.rol,
                    usuario.estado, usuario.createdAt, usuario.updatedAt);
        }
    }

    /** The whole context, as {@code PUT} replaces it. */
    public record ContextBody(
            @Pattern(regexp = E164, message = "an E.164 number such as +56912345678") String msisdn,
            @Size(max = 50) String lastIntent,
            @Size(max = 100) Map<String, Object> slotsJson,
            @Size(max = 100) Map<String, Object> contextJson) {
    }

    public record ContextView(UUID usuarioId, UUID clienteId, String msisdn, String lastIntent,
            Map<String, Object> slotsJson, Map<String, Object> contextJson, Instant updatedAt) {

        static ContextView of(UserContext context) {
            return new ContextView(context.usuarioId, context.clienteId, context.msisdn, context.lastIntent,
                    context.slots, context.context, context.updatedAt);
        }
    }

    /** The shape of a page of {@link UsuarioView}, for the OpenAPI document. */
    public record UsuarioPage(java.util.List<UsuarioView> items, int page, int size, long total) {
    }
}
