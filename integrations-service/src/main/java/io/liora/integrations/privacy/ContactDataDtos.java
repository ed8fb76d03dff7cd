package io.liora.integrations.privacy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class ContactDataDtos {

    private ContactDataDtos() {
    }

    /** What finds a contact's rows besides its id: its phones and business-scoped user ids. */
    public record ContactIdentifiers(@NotNull @Size(max = 50) List<@Size(max = 160) String> phones,
            @NotNull @Size(max = 50) List<@Size(max = 160) String> bsuids) {
    }

    /** What an erasure did here. */
    public record ContactErased(int messagesRedacted, int messagesCancelled, int optOutsRemoved) {
    }
}
