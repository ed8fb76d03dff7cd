package io.liora.conversation.contact;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's customer: the phone, the business-scoped user id (BSUID), or both, whichever Meta's
 * webhooks carried; found and created by the webhook ({@code liora_contact_for} in the
 * migrations), so that a username-only customer and a changed number stay one conversation.
 */
@Entity
@Table(name = "contacts")
public class Contact extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(length = 30)
    public String phone;

    @Column(length = 160)
    public String bsuid;

    @Column(name = "parent_bsuid", length = 160)
    public String parentBsuid;

    @Column(length = 100)
    public String username;

    @Column(name = "profile_name")
    public String profileName;

    /** Set when this contact turned out to be another one's person; that one holds the conversation. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    /** When the customer asked to receive nothing more; {@code null} while they receive answers. */
    @Column(name = "opted_out_at")
    public Instant optedOutAt;

    /** How replies reach this customer: Meta's {@code to} (phone) when known, else {@code recipient} (BSUID). */
    public Address address() {
        return new Address(phone, phone == null ? bsuid : null);
    }

    public boolean optedOut() {
        return optedOutAt != null;
    }

    /** Where a message to the contact goes: exactly one of the two is set. */
    public record Address(String to, String recipient) {
    }
}
