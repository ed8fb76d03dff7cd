package io.liora.tenant.usuario;

import java.text.Normalizer;
import java.util.Locale;

/**
 * E-mails as Liora stores and looks them up: Unicode NFKC (full-width and compatibility forms
 * folded), invisible characters removed (zero-width spaces and joiners, soft hyphens, byte-order
 * marks: Unicode's format characters), trimmed, lower case. So a look-alike of an existing address
 * is that address, and its unique index (with {@code +tag} variants, see {@code V4__email_key.sql})
 * refuses a second account.
 */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        if (email == null) {
            return null;
        }
        String folded = Normalizer.normalize(email, Normalizer.Form.NFKC);
        StringBuilder visible = new StringBuilder(folded.length());
        folded.codePoints().filter(c -> Character.getType(c) != Character.FORMAT && c != 0x180E)
                .forEach(visible::appendCodePoint);
        return visible.toString().strip().toLowerCase(Locale.ROOT);
    }
}
