package io.liora.integrations.templates;

import io.liora.common.persistence.LioraEntity;
import io.liora.integrations.whatsapp.JsonMaps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A message template of one of the tenant's WhatsApp Business Accounts, and what Meta said of it. */
@Entity
@Table(name = "message_templates")
public class MessageTemplate extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "waba_id", nullable = false)
    public String wabaId;

    @Column(name = "phone_number_id", nullable = false)
    public String phoneNumberId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public String category;

    /** Meta's components, as JSON text. */
    @Column(name = "components", nullable = false)
    public String componentsJson;

    public List<Map<String, Object>> components() {
        return JsonMaps.listOfMaps(componentsJson);
    }

    @Column(name = "meta_template_id")
    public String metaTemplateId;

    /** Meta's status: PENDING until it decides. */
    @Column(nullable = false)
    public String status = "PENDING";

    /** Meta's reason, for a rejection or a pause. */
    public String reason;

    /** Meta's quality rating: GREEN, YELLOW, RED or UNKNOWN. */
    public String quality;

    @Column(name = "status_at", nullable = false)
    public Instant statusAt = Instant.now();

    @Column(name = "created_by")
    public String createdBy;
}
