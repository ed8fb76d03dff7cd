package io.liora.tenant.audit;

import java.util.Set;

/** What the audit trail records; the {@code action} of each record. */
public final class AuditActions {

    public static final String TENANT_CREATED = "tenant.created";
    public static final String TENANT_CHANGED = "tenant.changed";
    public static final String POLICY_REPLACED = "policy.replaced";
    public static final String USER_CREATED = "user.created";
    public static final String USER_CHANGED = "user.changed";
    public static final String USER_DELETED = "user.deleted";
    public static final String WABA_REGISTERED = "waba.registered";
    public static final String WABA_CHANGED = "waba.changed";
    /** From catalog-service. */
    public static final String CATALOG_PUBLISHED = "catalog.published";
    public static final String CATALOG_ROLLED_BACK = "catalog.rolled_back";
    /** From conversation-service. */
    public static final String CONTACT_EXPORTED = "contact.exported";
    public static final String CONTACT_ERASURE_REQUESTED = "contact.erasure_requested";
    public static final String CONTACT_ERASED = "contact.erased";

    /** What other services may record here (their own actions only). */
    public static final Set<String> FORWARDED = Set.of(CATALOG_PUBLISHED, CATALOG_ROLLED_BACK, CONTACT_EXPORTED,
            CONTACT_ERASURE_REQUESTED, CONTACT_ERASED);

    private AuditActions() {
    }
}
