package io.liora.integrations.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.liora.common.persistence.TenantTransactions;
import io.liora.integrations.whatsapp.JsonMaps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Meta's template webhooks applied to the templates they name: a status (approved, rejected,
 * paused, ...), a quality rating, a new category. They name the account, not the tenant, so they
 * are applied across tenants, each only to the account's own templates. A template matches by
 * Meta's id, or by name and language while Meta's answer to its submission has not been recorded.
 */
@ApplicationScoped
public class TemplateEvents {

    private static final Logger LOG = Logger.getLogger(TemplateEvents.class);
    private static final String MATCH = " where waba_id = :waba and (meta_template_id = :id"
            + " or (meta_template_id is null and name = :name and language = :language))";
    private static final String STATUS = "update message_templates set status = :value, reason = :reason,"
            + " meta_template_id = coalesce(meta_template_id, :id), status_at = now(), updated_at = now()" + MATCH;
    private static final String QUALITY = "update message_templates set quality = :value, updated_at = now()" + MATCH;
    private static final String CATEGORY = "update message_templates set category = :value, updated_at = now()" + MATCH;

    private final TenantTransactions tx;

    public TemplateEvents(TenantTransactions tx) {
        this.tx = tx;
    }

    public Uni<TemplateDtos.TemplateEventResult> apply(List<TemplateDtos.TemplateEvent> events) {
        return tx.acrossTenants(() -> {
            Uni<int[]> chain = Uni.createFrom().item(new int[2]);
            for (TemplateDtos.TemplateEvent event : events) {
                chain = chain.call(counts -> applyOne(event).invoke(updated -> counts[updated > 0 ? 0 : 1]++));
            }
            return chain.map(counts -> new TemplateDtos.TemplateEventResult(counts[0], counts[1]));
        });
    }

    private Uni<Integer> applyOne(TemplateDtos.TemplateEvent event) {
        JsonNode value = JsonMaps.tree(event.value());
        boolean statusUpdate = "message_template_status_update".equals(event.field());
        boolean qualityUpdate = "message_template_quality_update".equals(event.field());
        String sql = statusUpdate ? STATUS : qualityUpdate ? QUALITY : CATEGORY;
        String newValue = text(value, statusUpdate ? "event" : qualityUpdate ? "new_quality_score" : "new_category");
        if (newValue == null || newValue.length() > 30) {
            LOG.infof("Template webhook %s for account %s without a usable value: ignored", event.field(), event.wabaId());
            return Uni.createFrom().item(0);
        }
        String reason = statusUpdate ? text(value, "reason") : null;
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql).setParameter("value", newValue)
                    .setParameter("waba", event.wabaId()).setParameter("id", text(value, "message_template_id"))
                    .setParameter("name", text(value, "message_template_name"))
                    .setParameter("language", text(value, "message_template_language"));
            if (statusUpdate) {
                query.setParameter("reason", "NONE".equals(reason) ? null : reason);
            }
            return query.executeUpdate();
        });
    }

    /** A field as text (Meta sends the template id as a number). */
    private static String text(JsonNode value, String field) {
        JsonNode node = value.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
