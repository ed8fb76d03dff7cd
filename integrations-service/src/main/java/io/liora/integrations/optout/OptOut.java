package io.liora.integrations.optout;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A contact who asked to receive nothing more from the tenant, by contact id and by address. */
@Entity
@Table(name = "opt_outs")
public class OptOut extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(length = 30)
    public String phone;

    @Column(length = 160)
    public String bsuid;

    /** The idempotency key of the one message still allowed: the confirmation of this opt-out. */
    @Column(name = "confirmation_key", length = 200)
    public String confirmationKey;

    @Column(name = "opted_out_at", nullable = false)
    public Instant optedOutAt = Instant.now();

    /** Set when the contact was erased: this row then holds only its id, and nothing is ever sent to it. */
    @Column(name = "erased_at")
    public Instant erasedAt;
}
