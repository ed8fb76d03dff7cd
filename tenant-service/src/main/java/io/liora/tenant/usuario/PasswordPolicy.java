package io.liora.tenant.usuario;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What OWASP ASVS asks of a chosen password besides its length (10 to 128, checked on the DTOs):
 * not one of the passwords attackers try first (the list shipped in {@code passwords/common.txt}),
 * not a single repeated character or a plain run ("aaaaaaaaaa", "abcdefghij", "9876543210"), not
 * containing the e-mail's local part, and no control characters.
 */
final class PasswordPolicy {

    private static final Set<String> COMMON = load();
    private static final String RUNS = "abcdefghijklmnopqrstuvwxyz0123456789 qwertyuiop asdfghjkl zxcvbnm";

    private PasswordPolicy() {
    }

    /** @throws ProblemException 400 naming {@code password} when it is refused */
    static void check(String password, String email) {
        String problem = problem(password, email);
        if (problem != null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("password", null, problem)));
        }
    }

    static String problem(String password, String email) {
        if (password == null) {
            return null;
        }
        if (password.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT)) {
            return "must not contain control or invisible characters";
        }
        String plain = Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (COMMON.contains(plain)) {
            return "is one of the most common passwords; choose another";
        }
        if (plain.codePoints().distinct().count() <= 2) {
            return "repeats one or two characters; choose another";
        }
        if (RUNS.contains(plain) || new StringBuilder(RUNS).reverse().toString().contains(plain)) {
            return "is a plain run of letters or digits; choose another";
        }
        String local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (local.length() >= 3 && plain.contains(local)) {
            return "must not contain the e-mail address";
        }
        return null;
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("/passwords/common.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> Normalizer.normalize(line, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                    .forEach(passwords::add);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("passwords/common.txt is missing from the build", e);
        }
        return Set.copyOf(passwords);
    }
}
