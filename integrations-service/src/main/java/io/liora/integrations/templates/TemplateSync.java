package io.liora.integrations.templates;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.Rounds;
import io.liora.integrations.whatsapp.MetaResponses;
import io.liora.integrations.whatsapp.WabaCredentials;
import io.liora.integrations.whatsapp.WhatsAppConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Every few minutes, each account's templates are compared with Meta's own list, so a webhook
 * Meta never delivered (or one lost while we were down) does not leave a template PENDING forever:
 * status, category, quality and Meta's id are taken from the list. An account that cannot be read
 * now is tried at the next round.
 */
@ApplicationScoped
public class TemplateSync {

    private static final Logger LOG = Logger.getLogger(TemplateSync.class);
    private static final String ACCOUNTS = """
            select distinct on (waba_id) cliente_id, waba_id, phone_number_id from message_templates
            order by waba_id, created_at""";
    private static final String UPDATE = """
            update message_templates set status = :status, category = coalesce(:category, category),
                   quality = coalesce(:quality, quality), meta_template_id = coalesce(meta_template_id, :id),
                   status_at = case when status = :status then status_at else now() end, updated_at = now()
            where cliente_id = :cliente and waba_id = :waba and name = :name and language = :language""";

    private final TenantTransactions tx;
    private final WabaCredentials credentials;
    private final TemplateGraphApi graph;
    private final WhatsAppConfig config;
    private final Rounds rounds;

    public TemplateSync(TenantTransactions tx, WabaCredentials credentials, @RestClient TemplateGraphApi graph,
            WhatsAppConfig config, Vertx vertx) {
        this.tx = tx;
        this.credentials = credentials;
        this.graph = graph;
        this.config = config;
        this.rounds = new Rounds(vertx, "template-sync", this::round, Integer.MAX_VALUE);
    }

    void start(@Observes StartupEvent event) {
        if (config.senderEnabled()) {
            rounds.every(config.templateSync());
        }
    }

    /** One pass over every account with templates; answers how many templates Meta's lists updated. */
    public Uni<Integer> round() {
        Executor eventLoop = EventLoop.current();
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(ACCOUNTS, Object[].class).getResultList()))
                .chain(accounts -> Multi.createFrom().iterable(accounts).onItem().transformToUniAndConcatenate(row ->
                                account((UUID) row[0], (String) row[1], (String) row[2], eventLoop)
                                        .onFailure().invoke(e -> LOG.infof("Templates of account %s not synced now: %s",
                                                row[1], e.toString()))
                                        .onFailure().recoverWithItem(0))
                        .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    @SuppressWarnings("unchecked")
    private Uni<Integer> account(UUID clienteId, String wabaId, String phoneNumberId, Executor eventLoop) {
        return credentials.get(clienteId, phoneNumberId)
                .chain(account -> graph.list(config.graphVersion(), wabaId, "Bearer " + account.accessToken(),
                        "id,name,language,status,category,quality_score", 250))
                .emitOn(eventLoop)
                .chain(response -> {
                    Object data = MetaResponses.body(response).get("data");
                    List<Map<String, Object>> listed = data instanceof List<?> list ? (List<Map<String, Object>>) list
                            : List.of();
                    return tx.forTenant(clienteId, () -> {
                        Uni<Integer> chain = Uni.createFrom().item(0);
                        for (Map<String, Object> template : listed) {
                            chain = chain.chain(sum -> update(clienteId, wabaId, template).map(n -> sum + n));
                        }
                        return chain;
                    });
                });
    }

    private static Uni<Integer> update(UUID clienteId, String wabaId, Map<String, Object> listed) {
        Object quality = listed.get("quality_score") instanceof Map<?, ?> score ? score.get("score") : null;
        if (!(listed.get("status") instanceof String status) || status.length() > 30
                || !(listed.get("name") instanceof String name) || !(listed.get("language") instanceof String language)) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(UPDATE)
                .setParameter("status", status).setParameter("category", text(listed.get("category"), 20))
                .setParameter("quality", text(quality, 20)).setParameter("id", text(listed.get("id"), 100))
                .setParameter("cliente", clienteId).setParameter("waba", wabaId).setParameter("name", name)
                .setParameter("language", language).executeUpdate());
    }

    private static String text(Object value, int max) {
        return value == null || String.valueOf(value).length() > max ? null : String.valueOf(value);
    }
}
