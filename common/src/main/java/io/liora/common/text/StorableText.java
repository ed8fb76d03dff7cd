package io.liora.common.text;

/**
 * What PostgreSQL can store as text: no U+0000 (refused by {@code text} and {@code jsonb}) and no
 * lone surrogate (not UTF-8). Input with either is answered 400 before it reaches the database.
 */
public final class StorableText {

    public static final String PROBLEM = "contains a character that cannot be stored (U+0000 or a lone surrogate)";

    private StorableText() {
    }

    /** Whether {@code text} holds a character PostgreSQL refuses. */
    public static boolean unstorable(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
