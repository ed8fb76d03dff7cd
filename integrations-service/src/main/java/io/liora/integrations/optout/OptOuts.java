package io.liora.integrations.optout;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The suppression list: contacts who opted out get no message queued, whoever asks, except the
 * confirmation of their opt-out. Kept here, where every message leaves the platform, so no caller
 * can forget the check.
 */
@ApplicationScoped
public class OptOuts {

    public static final String PROBLEM_TYPE = "opted-out";
    public static final String ERASED_PROBLEM_TYPE = "contact-erased";

    private final TenantTransactions tx;

    public OptOuts(TenantTransactions tx) {
        this.tx = tx;
    }

    /**
     * Fails with 409 {@code opted-out} when the message's contact, phone or BSUID opted out, unless
     * the message is that opt-out's confirmation, and with 409 {@code contact-erased} when the
     * contact was erased. Runs inside the caller's tenant transaction.
     */
    public Uni<Void> refuseIfOptedOut(UUID clienteId, UUID contactId, String phone, String bsuid, String idempotencyKey) {
        return OptOut.<OptOut>find("clienteId = ?1 and (contactId = ?2 or phone = ?3 or bsuid = ?4)", clienteId,
                        contactId, phone, bsuid).firstResult()
                .invoke(optOut -> {
                    if (optOut != null && (optOut.erasedAt != null || !idempotencyKey.equals(optOut.confirmationKey))) {
                        throw refusal(optOut.erasedAt != null);
                    }
                }).replaceWithVoid();
    }

    /** The 409 for a message to a contact who opted out, or whose data was erased. */
    public static ProblemException refusal(boolean erased) {
        return erased ? new ProblemException(ERASED_PROBLEM_TYPE, 409, "Contact erased",
                "This contact's data was erased at the tenant's request; nothing can be sent to it")
                : new ProblemException(PROBLEM_TYPE, 409, "Opted out",
                        "This contact asked to receive no more messages; nothing is sent until they opt back in");
    }

    /** Records the opt-out (again: the latest confirmation key and addresses win). */
    public Uni<OptOut> optOut(UUID clienteId, UUID contactId, String phone, String bsuid, String confirmationKey) {
        return tx.forTenant(clienteId, () -> find(clienteId, contactId).chain(existing -> {
            if (existing != null && existing.erasedAt != null) {
                return Uni.createFrom().item(existing); // an erased contact keeps nothing but its id
            }
            OptOut optOut = existing != null ? existing : new OptOut();
            optOut.clienteId = clienteId;
            optOut.contactId = contactId;
            optOut.phone = phone;
            optOut.bsuid = bsuid;
            optOut.confirmationKey = confirmationKey;
            optOut.optedOutAt = existing != null ? existing.optedOutAt : Instant.now();
            return optOut.<OptOut>persistAndFlush();
        })).onFailure(DatabaseErrors::isUniqueViolation)
                // the same opt-out recorded twice at once: the other one holds
                .recoverWithUni(e -> tx.forTenant(clienteId, () -> find(clienteId, contactId)));
    }

    /** The contact opted back in; idempotent. */
    public Uni<Void> optIn(UUID clienteId, UUID contactId) {
        return tx.forTenant(clienteId, () -> OptOut.delete("clienteId = ?1 and contactId = ?2 and erasedAt is null",
                        clienteId, contactId))
                .replaceWithVoid();
    }

    private static Uni<OptOut> find(UUID clienteId, UUID contactId) {
        return OptOut.<OptOut>find("clienteId = ?1 and contactId = ?2", clienteId, contactId).firstResult();
    }
}
