package io.liora.catalog.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.catalog.ingest.IngestLogService;
import io.liora.catalog.ingest.IngestOutcome;
import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.catalog.search.SearchIndexes;
import io.liora.catalog.snapshot.SnapshotService;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One publish attempt, from raw bytes to the active catalog. Each refusal is logged with its own
 * outcome before it is answered: too_large, bad_signature, stale_signature, replayed,
 * invalid_schema (unauthorized callers are logged by the resource).
 */
@ApplicationScoped
public class PublishService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogConfig config;
    private final CatalogValidator validator;
    private final CatalogSecretService secrets;
    private final SnapshotService snapshots;
    private final IngestLogService ingestLog;
    private final TenantTransactions tx;
    private final SearchIndexes indexes;

    public PublishService(CatalogConfig config, CatalogValidator validator, CatalogSecretService secrets,
            SnapshotService snapshots, IngestLogService ingestLog, TenantTransactions tx, SearchIndexes indexes) {
        this.indexes = indexes;
        this.config = config;
        this.validator = validator;
        this.secrets = secrets;
        this.snapshots = snapshots;
        this.ingestLog = ingestLog;
        this.tx = tx;
    }

    /** A publish by an owner or admin whose token was already checked. */
    public Uni<CatalogDtos.PublishResult> publishAsUser(IngestLogService.Attempt attempt, byte[] body) {
        return checkSize(attempt, body).chain(() -> publishBody(attempt, body));
    }

    /** A publish by a machine holding the tenant's secret. */
    public Uni<CatalogDtos.PublishResult> publishSigned(IngestLogService.Attempt attempt, byte[] body,
            String signatureHeader) {
        return checkSize(attempt, body)
                .chain(() -> secrets.validSecrets(attempt.clienteId()))
                .chain(valid -> {
                    PublishSignature.Checked checked = PublishSignature.check(signatureHeader, body, valid,
                            Instant.now(), config.signatureTolerance());
                    return switch (checked.verdict()) {
                        case BAD -> refuse(attempt, IngestOutcome.bad_signature, null, new ProblemException(
                                "bad-signature", 401, "Bad signature",
                                valid.isEmpty() ? "This tenant has no publishing secret"
                                        : "X-Liora-Signature is missing, malformed or does not match the body"));
                        case STALE -> refuse(attempt, IngestOutcome.stale_signature, null, new ProblemException(
                                "stale-signature", 401, "Stale signature", "The signature's timestamp is more than "
                                        + config.signatureTolerance().toMinutes() + " minutes away from now"));
                        case VALID -> consume(attempt, checked).chain(() -> publishBody(attempt, body));
                    };
                });
    }

    /** Remembers the signature; a second use of it is a replay. */
    private Uni<Void> consume(IngestLogService.Attempt attempt, PublishSignature.Checked checked) {
        UsedSignature used = new UsedSignature();
        used.clienteId = attempt.clienteId();
        used.signature = checked.hex();
        used.expiresAt = Instant.ofEpochSecond(checked.timestamp()).plus(config.signatureTolerance());
        return tx.forTenant(attempt.clienteId(), () -> used.persistAndFlush()).replaceWithVoid()
                .onFailure(DatabaseErrors::isUniqueViolation).recoverWithUni(e -> refuse(attempt,
                        IngestOutcome.replayed, null, new ProblemException("replayed-signature", 401,
                                "Replayed signature", "This signature was already used")));
    }

    private Uni<CatalogDtos.PublishResult> publishBody(IngestLogService.Attempt attempt, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return refuse(attempt, IngestOutcome.invalid_schema, "not JSON", new ProblemException(
                    ProblemType.MALFORMED_BODY, "The body is not valid JSON"));
        }
        if (json != null && json.path("items").isArray() && json.get("items").size() > config.maxItems()) {
            int count = json.get("items").size();
            return refuse(attempt, IngestOutcome.too_large, count + " items", count, new ProblemException(
                    ProblemType.PAYLOAD_TOO_LARGE, "A catalog has at most " + config.maxItems() + " items"));
        }
        CatalogValidator.Result result = validator.validate(json == null ? JSON.nullNode() : json);
        if (!result.valid()) {
            ProblemException invalid = ProblemException.invalid(result.errors());
            return refuse(attempt, IngestOutcome.invalid_schema, summary(result), null, invalid);
        }
        List<Map<String, Object>> canonical = CanonicalCatalog.canonicalItems(result.items());
        Map<String, List<String>> synonyms = CanonicalCatalog.canonicalSynonyms(result.synonyms());
        // the new version's search index is built now, on another core while the transaction runs,
        // not by the first customer's search
        Uni<SearchIndexes.Searchable> prepared = indexes.prepare(canonical, synonyms);
        return snapshots.publish(attempt, CanonicalCatalog.content(canonical, synonyms))
                .call(published -> indexes.adopt(attempt.clienteId(), published.version(), prepared)
                        .replaceWithVoid().onFailure().recoverWithNull());
    }

    private Uni<Void> checkSize(IngestLogService.Attempt attempt, byte[] body) {
        if (body.length <= config.maxBodyBytes()) {
            return Uni.createFrom().voidItem();
        }
        return refuse(attempt, IngestOutcome.too_large, body.length + " bytes", new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE, "A publish body has at most " + config.maxBodyBytes() + " bytes"));
    }

    private <T> Uni<T> refuse(IngestLogService.Attempt attempt, IngestOutcome outcome, String reason,
            ProblemException problem) {
        return refuse(attempt, outcome, reason, null, problem);
    }

    private <T> Uni<T> refuse(IngestLogService.Attempt attempt, IngestOutcome outcome, String reason,
            Integer itemCount, ProblemException problem) {
        return ingestLog.refused(attempt, outcome, reason == null ? problem.getMessage() : reason, itemCount)
                .chain(() -> Uni.createFrom().failure(problem));
    }

    private static String summary(CatalogValidator.Result result) {
        var first = result.errors().get(0);
        return result.errors().size() + " errors; first: " + first.pointer() + " " + first.message();
    }

}
