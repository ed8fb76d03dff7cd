package io.liora.common.security;

import java.util.Map;
import java.util.Set;

/**
 * What a service token may do. tenant-service puts a client's scopes in its token, in {@code scope}
 * (space-separated, as RFC 9068 has it) and in {@code groups}, so a route names the scope it needs
 * in {@code @RolesAllowed} where it used to name {@link Roles#SERVICE}: a service may call only the
 * routes its scopes name, never everything any service may.
 */
public final class Scopes {

    /** Who owns a WhatsApp number (tenant-service's internal lookup). */
    public static final String WABA_LOOKUP = "waba:lookup";
    /** A number's decrypted access token, and marking it for re-authorisation (tenant-service). */
    public static final String WABA_CREDENTIALS = "waba:credentials";
    /** A tenant's active catalog and its search (catalog-service). */
    public static final String CATALOG_READ = "catalog:read";
    /** Queueing WhatsApp messages and read receipts (integrations-service). */
    public static final String MESSAGES_SEND = "messages:send";
    /** Handing Meta's delivery statuses over (integrations-service). */
    public static final String STATUSES_WRITE = "statuses:write";
    /** A tenant's templates, for the agent inbox's picker (integrations-service). */
    public static final String TEMPLATES_READ = "templates:read";
    /** Handing Meta's template webhooks over (integrations-service). */
    public static final String TEMPLATE_EVENTS_WRITE = "templates:events";
    /** Recording a contact's opt-out and opt-in (integrations-service). */
    public static final String CONTACTS_OPT_OUT = "contacts:opt-out";
    /** Tracked short links (integrations-service). */
    public static final String LINKS_SHORTEN = "links:shorten";
    /** Recording a service's audited actions in the audit trail (tenant-service). */
    public static final String AUDIT_WRITE = "audit:write";
    /** Every tenant's retention window (tenant-service). */
    public static final String RETENTION_READ = "retention:read";
    /** Everything integrations-service holds about one contact: its export and its erasure. */
    public static final String CONTACTS_DATA = "contacts:data";
    /** The intent fallback (integrations-service). */
    public static final String NLP_CLASSIFY = "nlp:classify";

    /**
     * Each Liora client's scopes: what its service calls, and nothing more. tenant-service issues
     * these unless configured otherwise ({@code liora.tokens.clients.<id>.scopes}).
     */
    public static final Map<String, Set<String>> OF_CLIENT = Map.of(
            "conversation-service", Set.of(WABA_LOOKUP, CATALOG_READ, MESSAGES_SEND, STATUSES_WRITE,
                    TEMPLATE_EVENTS_WRITE, CONTACTS_OPT_OUT, LINKS_SHORTEN, NLP_CLASSIFY, CONTACTS_DATA,
                    AUDIT_WRITE, RETENTION_READ, TEMPLATES_READ),
            "integrations-service", Set.of(WABA_CREDENTIALS, RETENTION_READ),
            // its publishes and rollbacks go to the audit trail
            "catalog-service", Set.of(AUDIT_WRITE, RETENTION_READ));

    private Scopes() {
    }
}
