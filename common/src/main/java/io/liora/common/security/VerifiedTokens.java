package io.liora.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser every service's JWT authentication uses (smallrye-jwt's, replaced as a CDI
 * alternative): verification as before, remembered per token until it expires or for five minutes
 * ({@link VerifiedTokenCache}). Five minutes bound how long a withdrawn signing key keeps
 * verifying tokens it already signed; revoked tokens and users are refused by the revocation
 * filter on every request regardless.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    static final int CAPACITY = 10_000;
    static final long MAX_AGE_SECONDS = 300;

    private final VerifiedTokenCache cache = new VerifiedTokenCache(CAPACITY, MAX_AGE_SECONDS, Clock.systemUTC());

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken verified = cache.get(token);
        if (verified == null) {
            verified = super.parse(token);
            cache.put(token, verified);
        }
        return verified;
    }

    /** How many tokens are remembered (for tests). */
    public int remembered() {
        return cache.size();
    }
}
