package io.liora.tenant.cliente;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the tenant routes read and write. */
public final class ClienteDtos {

    static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$";
    static final String PLAN = "^(free|pro|enterprise)$";
    static final String ESTADO = "^(activo|suspendido)$";

    private ClienteDtos() {
    }

    public record ClienteCreate(
            @Schema(example = "tienda-sana")
            @NotBlank @Pattern(regexp = SLUG, message = "lower-case letters, digits and inner hyphens, at most 50")
            String slug,
            @Schema(example = "Tienda Sana") @NotBlank @Size(max = 100) String nombre,
            @Schema(example = "pro") @Pattern(regexp = PLAN, message = "free, pro or enterprise") String plan) {
    }

    /** Only the fields present change; {@code estado=suspendido} suspends the tenant. */
    public record ClientePatch(
            @Size(min = 1, max = 100) String nombre,
            @Pattern(regexp = PLAN, message = "free, pro or enterprise") String plan,
            @Pattern(regexp = ESTADO, message = "activo or suspendido") String estado) {
    }

    public record ClienteView(UUID id, String slug, String nombre, String plan, String estado, Instant createdAt,
            Instant updatedAt) {

        static ClienteView of(Cliente cliente) {
            return new ClienteView(cliente.id, cliente.slug, cliente.nombre, cliente.plan, cliente.estado,
                    cliente.createdAt, cliente.updatedAt);
        }
    }

    /** The shape of a page of {@link ClienteView}, for the OpenAPI document. */
    public record ClientePage(java.util.List<ClienteView> items, int page, int size, long total) {
    }
}
