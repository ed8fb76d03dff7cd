package io.liora.integrations.bitly;

import io.liora.common.crypto.Sha256;
import io.liora.common.net.PublicUrls;
import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Tracked product links: UTM merged into the URL, shortened by Bitly once per tenant and URL, and
 * never a failure for the conversation: when Bitly cannot help, the answer is the long URL with
 * {@code shortened=false} and the reason.
 */
@ApplicationScoped
public class LinkService {

    private final TenantTransactions tx;
    private final BitlyClient bitly;
    private final MeterRegistry metrics;

    public LinkService(TenantTransactions tx, BitlyClient bitly, MeterRegistry metrics) {
        this.tx = tx;
        this.bitly = bitly;
        this.metrics = metrics;
    }

    public Uni<LinkDtos.ShortenResult> shorten(UUID clienteId, LinkDtos.ShortenRequest request) {
        return shorten(clienteId, request, "url");
    }

    /** One after another: each link is its own transaction on this request's context. */
    public Uni<LinkDtos.BatchResult> shortenAll(UUID clienteId, List<LinkDtos.ShortenRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            checkUrl(requests.get(i).url(), "links[" + i + "].url");
        }
        return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(request -> shorten(clienteId, request))
                .collect().asList().map(LinkDtos.BatchResult::new);
    }

    private Uni<LinkDtos.ShortenResult> shorten(UUID clienteId, LinkDtos.ShortenRequest request, String field) {
        checkUrl(request.url(), field);
        LinkDtos.Utm utm = request.utm();
        String longUrl = utm == null ? request.url().strip() : UtmLinks.withUtm(request.url().strip(), utmInOrder(utm));
        String hash = Sha256.hex(longUrl);
        Executor eventLoop = EventLoop.current();
        return tx.forTenant(clienteId, () -> cached(clienteId, hash)).chain(cached -> {
            if (cached != null) {
                count("cached");
                return Uni.createFrom().item(new LinkDtos.ShortenResult(longUrl, cached.shortUrl, true, "cached"));
            }
            if (!bitly.enabled()) {
                return Uni.createFrom().item(unshortened(longUrl, "disabled"));
            }
            return bitly.shorten(longUrl, request.title(), request.tags())
                    .emitOn(eventLoop)
                    .chain(shortUrl -> remember(clienteId, hash, longUrl, shortUrl))
                    .invoke(() -> count("created"))
                    .map(shortUrl -> new LinkDtos.ShortenResult(longUrl, shortUrl, true, "created"))
                    .onFailure().recoverWithItem(e -> unshortened(longUrl, reason(e)));
        });
    }

    private Uni<String> remember(UUID clienteId, String hash, String longUrl, String shortUrl) {
        ShortLink link = new ShortLink();
        link.clienteId = clienteId;
        link.longUrlHash = hash;
        link.longUrl = longUrl;
        link.shortUrl = shortUrl;
        return tx.forTenant(clienteId, () -> link.persistAndFlush()).replaceWith(shortUrl)
                // made twice at once: keep the first one stored
                .onFailure(DatabaseErrors::isUniqueViolation)
                .recoverWithUni(e -> tx.forTenant(clienteId, () -> cached(clienteId, hash)).map(first -> first.shortUrl));
    }

    private LinkDtos.ShortenResult unshortened(String longUrl, String reason) {
        count(reason);
        return new LinkDtos.ShortenResult(longUrl, longUrl, false, reason);
    }

    private void count(String outcome) {
        metrics.counter("liora.links.shorten", "outcome", outcome).increment();
    }

    static String reason(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof BulkheadException) {
            return "busy";
        }
        if (e instanceof WebApplicationException http && http.getResponse() != null) {
            return http.getResponse().getStatus() == 429 ? "rate_limited" : "bitly_error_" + http.getResponse().getStatus();
        }
        return "bitly_unreachable";
    }

    private static Uni<ShortLink> cached(UUID clienteId, String hash) {
        return ShortLink.<ShortLink>find("clienteId = ?1 and longUrlHash = ?2", clienteId, hash).firstResult();
    }

    private static void checkUrl(String url, String field) {
        String problem = url == null ? "is required" : PublicUrls.problem(url.strip(), false);
        if (problem != null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(field, null, problem)));
        }
    }

    /** Google's order, so the same link is always the same URL. */
    private static Map<String, String> utmInOrder(LinkDtos.Utm utm) {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("source", utm.source());
        ordered.put("medium", utm.medium());
        ordered.put("campaign", utm.campaign());
        ordered.put("content", utm.content());
        ordered.put("term", utm.term());
        return ordered;
    }

}
