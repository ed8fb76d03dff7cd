package io.liora.integrations.templates;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.liora.integrations.whatsapp.JsonMaps;
import io.liora.integrations.whatsapp.MetaResponses;
import io.liora.integrations.whatsapp.TenantServiceApi;
import io.liora.integrations.whatsapp.WabaCredentials;
import io.liora.integrations.whatsapp.WhatsAppConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A tenant's templates: submitted to Meta, listed, shown and deleted. The row is stored before Meta
 * is asked, so a status webhook that overtakes Meta's answer finds it; Meta's answer then only
 * fills in what is still unknown.
 */
@ApplicationScoped
public class TemplateService {

    private static final Logger LOG = Logger.getLogger(TemplateService.class);

    private final TenantTransactions tx;
    private final WabaCredentials credentials;
    private final TemplateGraphApi graph;
    private final WhatsAppConfig config;

    public TemplateService(TenantTransactions tx, WabaCredentials credentials, @RestClient TemplateGraphApi graph,
            WhatsAppConfig config) {
        this.tx = tx;
        this.credentials = credentials;
        this.graph = graph;
        this.config = config;
    }

    public Uni<MessageTemplate> create(UUID clienteId, String actor, TemplateDtos.TemplateCreate request) {
        TemplateRules.checkSubmittable(request);
        return accountOf(clienteId, request.phoneNumberId()).chain(account -> {
            MessageTemplate template = new MessageTemplate();
            template.clienteId = clienteId;
            template.wabaId = account.wabaId();
            template.phoneNumberId = request.phoneNumberId();
            template.name = request.name();
            template.language = request.language();
            template.category = request.category();
            template.componentsJson = JsonMaps.text(request.components());
            template.createdBy = actor;
            return tx.forTenant(clienteId, () -> template.<MessageTemplate>persistAndFlush())
                    .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> new ProblemException(
                            "template-exists", 409, "Template exists", "This account already has a template "
                                    + request.name() + " in " + request.language() + "; delete it first or use another name"))
                    .chain(stored -> submit(account, stored));
        });
    }

    private Uni<MessageTemplate> submit(TenantServiceApi.Credentials account, MessageTemplate template) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", template.name);
        body.put("language", template.language);
        body.put("category", template.category);
        body.put("components", template.components());
        Executor eventLoop = EventLoop.current();
        return graph.create(config.graphVersion(), account.wabaId(), "Bearer " + account.accessToken(), body)
                .onFailure(WebApplicationException.class).recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .onFailure().recoverWithItem(e -> null)
                // the REST client may answer on a worker thread; the database session needs the event loop
                .emitOn(eventLoop)
                .chain(response -> {
                    if (response != null && response.getStatus() / 100 == 2) {
                        Map<String, Object> answer = MetaResponses.body(response);
                        return recordAnswer(template, String.valueOf(answer.get("id")),
                                (String) answer.get("status"), (String) answer.get("category"));
                    }
                    if (response != null && response.getStatus() / 100 == 4) {
                        String why = MetaResponses.errorMessage(response);
                        return tx.forTenant(template.clienteId, () -> MessageTemplate.delete("id = ?1 and clienteId = ?2",
                                template.id, template.clienteId))
                                .chain(() -> Uni.createFrom().failure(new ProblemException("template-refused", 422,
                                        "Meta refused the template", why)));
                    }
                    LOG.warnf("Meta did not take template %s of %s (%s): kept as PENDING", template.name,
                            template.clienteId, response == null ? "no answer" : "HTTP " + response.getStatus());
                    return Uni.createFrom().failure(new ProblemException("meta-unavailable", 502, "Meta did not answer",
                            "The template is kept as PENDING; its status follows from Meta's webhooks, or delete it and "
                                    + "submit it again"));
                });
    }

    /** Meta's answer to the submission: its id, and its status and category unless a webhook said first. */
    private Uni<MessageTemplate> recordAnswer(MessageTemplate template, String metaId, String status, String category) {
        return tx.forTenant(template.clienteId, () -> MessageTemplate.<MessageTemplate>findById(template.id)
                .invoke(current -> {
                    if (current.metaTemplateId == null) {
                        current.metaTemplateId = metaId;
                    }
                    if ("PENDING".equals(current.status)) {
                        current.category = category != null ? category : current.category;
                        if (status != null && !status.equals(current.status)) {
                            current.status = status;
                            current.statusAt = Instant.now();
                        }
                    }
                }));
    }

    public Uni<Page<MessageTemplate>> list(UUID clienteId, String status, PageRequest request) {
        return tx.forTenant(clienteId, () -> {
            Sort order = Sort.ascending("name").and("language").and("id");
            var query = status == null ? MessageTemplate.<MessageTemplate>find("clienteId", order, clienteId)
                    : MessageTemplate.<MessageTemplate>find("clienteId = ?1 and status = ?2", order, clienteId, status);
            return Pages.of(query, request);
        });
    }

    public Uni<MessageTemplate> show(UUID clienteId, UUID id) {
        return tx.forTenant(clienteId, () -> find(clienteId, id));
    }

    /** Deleted at Meta first (a template Meta no longer has counts as deleted), then here. */
    public Uni<Void> delete(UUID clienteId, UUID id) {
        Executor eventLoop = EventLoop.current();
        return tx.forTenant(clienteId, () -> find(clienteId, id))
                .chain(template -> accountOf(clienteId, template.phoneNumberId)
                        .chain(account -> graph.delete(config.graphVersion(), template.wabaId,
                                "Bearer " + account.accessToken(), template.name, template.metaTemplateId))
                        .onFailure(WebApplicationException.class).recoverWithUni(e -> {
                            int code = ((WebApplicationException) e).getResponse().getStatus();
                            return code == 404 ? Uni.createFrom().nullItem() : Uni.createFrom().failure(
                                    new ProblemException("meta-unavailable", 502, "Meta did not delete the template",
                                            "Meta answered HTTP " + code + "; nothing was deleted, try again"));
                        })
                        .emitOn(eventLoop)
                        .chain(() -> tx.forTenant(clienteId, () -> MessageTemplate.delete("id = ?1 and clienteId = ?2",
                                id, clienteId))))
                .replaceWithVoid();
    }

    /**
     * The approved template a message names, on the account of the number that sends it (or, when
     * that number has none of that name, any of the tenant's accounts). Inside a tenant transaction.
     */
    public static Uni<MessageTemplate> sendable(UUID clienteId, String phoneNumberId, String name, String language) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "from MessageTemplate where clienteId = :c and name = :n and language = :l"
                        + " order by case when phoneNumberId = :p then 0 else 1 end, createdAt", MessageTemplate.class)
                .setParameter("c", clienteId).setParameter("n", name).setParameter("l", language)
                .setParameter("p", phoneNumberId).setMaxResults(1).getResultList())
                .map(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.invalid(List.of(new Problem.FieldError("template.name", null,
                                "no template " + name + " in " + language + " in this tenant: create it with "
                                        + "POST /clientes/{id}/templates")));
                    }
                    MessageTemplate template = found.get(0);
                    if (!"APPROVED".equals(template.status)) {
                        throw new ProblemException("template-not-approved", 409, "Template not approved",
                                "Template " + name + " (" + language + ") is " + template.status
                                        + (template.reason == null ? "" : " (" + template.reason + ")")
                                        + "; Meta sends only approved templates");
                    }
                    return template;
                });
    }

    private static Uni<MessageTemplate> find(UUID clienteId, UUID id) {
        return MessageTemplate.<MessageTemplate>find("id = ?1 and clienteId = ?2", id, clienteId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No template " + id + " in this tenant"));
    }

    /** The number's account and token; a number that is not the tenant's is the caller's mistake. */
    private Uni<TenantServiceApi.Credentials> accountOf(UUID clienteId, String phoneNumberId) {
        return credentials.get(clienteId, phoneNumberId)
                .onFailure(e -> e instanceof WebApplicationException http && http.getResponse().getStatus() == 404)
                .transform(e -> ProblemException.invalid(List.of(new Problem.FieldError("phone_number_id", null,
                        "not a WhatsApp number of this tenant"))))
                .invoke(account -> {
                    if (account.wabaId() == null) {
                        throw new ProblemException("no-account", 409, "No WhatsApp Business Account",
                                "This number's account is not known; register the number again with its waba_id");
                    }
                });
    }
}
