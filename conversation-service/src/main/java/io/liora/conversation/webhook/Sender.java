package io.liora.conversation.webhook;

/**
 * Who wrote, as far as the webhook says: any of these may be missing. A system message about a
 * changed number or user id also names the identifiers the customer had before.
 *
 * @param phone          {@code from} / {@code contacts[].wa_id}, absent for a username-only customer
 * @param bsuid          the business-scoped user id ({@code from_user_id} / {@code contacts[].user_id})
 * @param parentBsuid    the parent BSUID, when the business has them enabled
 * @param username       {@code contacts[].profile.username}
 * @param profileName    {@code contacts[].profile.name}
 * @param previousPhone  the number a {@code user_changed_number} message says the customer left
 * @param previousBsuid  {@code system.previous_user_id}
 */
public record Sender(String phone, String bsuid, String parentBsuid, String username, String profileName,
        String previousPhone, String previousBsuid) {

    static final Sender NOBODY = new Sender(null, null, null, null, null, null, null);
}
