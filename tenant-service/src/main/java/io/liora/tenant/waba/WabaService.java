package io.liora.tenant.waba;

import io.liora.common.persistence.TenantTransactions;
import io.liora.tenant.audit.AuditActions;
import io.liora.tenant.audit.AuditTrail;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.liora.tenant.cliente.Cliente;
import io.liora.tenant.cliente.ClienteService;
import io.liora.common.crypto.SecretCipher;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A tenant's WhatsApp Business Accounts, with their Graph API tokens encrypted at rest. */
@ApplicationScoped
public class WabaService {

    private final TenantTransactions tx;
    private final SecretCipher cipher;
    private final AuditTrail audit;

    public WabaService(TenantTransactions tx, SecretCipher cipher, AuditTrail audit) {
        this.tx = tx;
        this.cipher = cipher;
        this.audit = audit;
    }

    public Uni<WabaAccount> register(UUID clienteId, WabaDtos.WabaCreate in) {
        return tx.forTenant(clienteId, () -> ClienteService.find(clienteId).chain(cliente -> {
            WabaAccount waba = new WabaAccount();
            waba.clienteId = clienteId;
            waba.wabaId = in.wabaId();
            waba.phoneNumberId = in.phoneNumberId();
            waba.expiracionToken = in.expiracionToken();
            waba.webhookUrl = in.webhookUrl();
            setToken(waba, in.accessToken());
            return waba.<WabaAccount>persistAndFlush()
                    .call(saved -> audit.record(clienteId, AuditActions.WABA_REGISTERED, "waba", saved.id,
                            java.util.Map.of("phone_number_id", saved.phoneNumberId, "waba_id", saved.wabaId)));
        })).onFailure(DatabaseErrors::isUniqueViolation).transform(e -> new ProblemException(ProblemType.CONFLICT,
                "The phone number " + in.phoneNumberId() + " is already registered"));
    }

    public Uni<Page<WabaAccount>> list(UUID clienteId, PageRequest request) {
        return tx.forTenant(clienteId, () -> Pages.of(WabaAccount.<WabaAccount>find("clienteId", Sort.by("createdAt").and("id"), clienteId), request));
    }

    public Uni<WabaAccount> update(UUID clienteId, UUID wabaAccountId, WabaDtos.WabaPatch patch) {
        return tx.forTenant(clienteId, () -> find(clienteId, wabaAccountId).invoke(waba -> {
            if (patch.accessToken() != null) {
                setToken(waba, patch.accessToken());
                if (WabaAccount.NEEDS_REAUTH.equals(waba.estado)) {
                    waba.estado = WabaAccount.ACTIVO;
                }
            }
            if (patch.expiracionToken() != null) {
                waba.expiracionToken = patch.expiracionToken();
            }
            if (patch.estado() != null) {
                waba.estado = patch.estado();
            }
        }).call(waba -> audit.record(clienteId, AuditActions.WABA_CHANGED, "waba", waba.id, changed(patch, waba))));
    }

    /** Whether the token was rotated (never the token), and the new expiry and estado. */
    private static java.util.Map<String, Object> changed(WabaDtos.WabaPatch patch, WabaAccount waba) {
        java.util.Map<String, Object> detail = new java.util.HashMap<>();
        detail.put("phone_number_id", waba.phoneNumberId);
        if (patch.accessToken() != null) {
            detail.put("token_rotated", true);
        }
        if (patch.expiracionToken() != null) {
            detail.put("token_expires", waba.expiracionToken.toString());
        }
        if (patch.estado() != null) {
            detail.put("estado", waba.estado);
        }
        return detail;
    }

    /** Which tenant owns a number (cross-tenant: the caller does not know the tenant yet). */
    public Uni<WabaDtos.NumberOwner> owner(String phoneNumberId) {
        return tx.acrossTenants(() -> WabaAccount.<WabaAccount>find("phoneNumberId", phoneNumberId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No tenant has the number " + phoneNumberId))
                .chain(waba -> Cliente.<Cliente>findById(waba.clienteId).map(cliente -> new WabaDtos.NumberOwner(
                        waba.clienteId, waba.id, waba.estado, cliente.estado, cliente.slug, cliente.plan,
                        cliente.policy))));
    }

    /** The tenant's decrypted credentials for one of its numbers. */
    public Uni<WabaDtos.WabaCredentials> credentials(UUID clienteId, String phoneNumberId) {
        return tx.forTenant(clienteId, () -> findByNumber(clienteId, phoneNumberId)).map(waba ->
                new WabaDtos.WabaCredentials(waba.clienteId, waba.id, waba.wabaId, waba.phoneNumberId, token(waba),
                        waba.estado));
    }

    /** Meta said the token expired (error 190): the tenant must rotate it. */
    public Uni<WabaAccount> markNeedsReauth(UUID clienteId, String phoneNumberId) {
        return tx.forTenant(clienteId, () -> findByNumber(clienteId, phoneNumberId)
                .invoke(waba -> waba.estado = WabaAccount.NEEDS_REAUTH));
    }

    /**
     * Moves every token not sealed with the primary key to it. A row that does not decrypt (its key
     * is gone, or it was tampered with) is left as it is and named in the answer, so one bad row
     * does not stop the rotation.
     */
    public Uni<WabaDtos.ReEncrypted> reEncryptAll() {
        return tx.acrossTenants(() -> WabaAccount.<WabaAccount>list("tokenKeyId <> ?1", cipher.primaryKeyId())
                .map(stale -> {
                    int moved = 0;
                    List<UUID> unreadable = new ArrayList<>();
                    for (WabaAccount waba : stale) {
                        try {
                            setToken(waba, token(waba));
                            moved++;
                        } catch (ProblemException e) {
                            unreadable.add(waba.id);
                        }
                    }
                    return new WabaDtos.ReEncrypted(moved, unreadable, cipher.primaryKeyId());
                }));
    }

    /** The plaintext token; 409 when the stored ciphertext cannot be opened (tampered, or its key removed). */
    String token(WabaAccount waba) {
        try {
            return cipher.open(new SecretCipher.Sealed(waba.tokenKeyId, waba.accessTokenCiphertext),
                    associatedData(waba.clienteId));
        } catch (SecretCipher.UnreadableSecretException e) {
            throw new ProblemException("credentials-unreadable", 409, "Stored credentials unreadable",
                    "The stored token of number " + waba.phoneNumberId + " cannot be decrypted; rotate it");
        }
    }

    private void setToken(WabaAccount waba, String token) {
        SecretCipher.Sealed sealed = cipher.seal(token, associatedData(waba.clienteId));
        waba.accessTokenCiphertext = sealed.ciphertext();
        waba.tokenKeyId = sealed.keyId();
        waba.tokenLast4 = token.length() > 8 ? token.substring(token.length() - 4) : null;
    }

    /** Binds a ciphertext to its tenant: moved to another tenant's row, it does not decrypt. */
    private static String associatedData(UUID clienteId) {
        return "waba_accounts.access_token:" + clienteId;
    }

    private static Uni<WabaAccount> find(UUID clienteId, UUID wabaAccountId) {
        return WabaAccount.<WabaAccount>find("id = ?1 and clienteId = ?2", wabaAccountId, clienteId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No WABA " + wabaAccountId + " in this tenant"));
    }

    private static Uni<WabaAccount> findByNumber(UUID clienteId, String phoneNumberId) {
        return WabaAccount.<WabaAccount>find("phoneNumberId = ?1 and clienteId = ?2", phoneNumberId, clienteId)
                .firstResult().onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No number " + phoneNumberId + " in this tenant"));
    }
}
