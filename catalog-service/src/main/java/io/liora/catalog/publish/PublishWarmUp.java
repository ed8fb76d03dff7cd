package io.liora.catalog.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.catalog.search.SearchIndexes;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Rehearses a publish once at start-up, before the replica reports ready: a made-up catalog of
 * {@value #ITEMS} items is parsed, validated, put in canonical form, indexed and searched, with no
 * database and nothing kept. A cold JVM interprets that code for its first seconds: without the
 * rehearsal the first real publish of 10,000 items took 2.1 s, with it 1.4–1.5 s (later ones 0.5–0.7 s;
 * docs/benchmarks.md). A failed rehearsal is logged and never keeps the replica from becoming ready:
 * it only costs time.
 */
@ApplicationScoped
@Readiness
public class PublishWarmUp implements HealthCheck {

    public static final int ITEMS = 1_500;
    private static final Logger LOG = Logger.getLogger(PublishWarmUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"zapatillas", "café", "té verde", "polera", "mochila", "lámpara",
            "sartén", "cuaderno", "bicicleta", "toalla"};

    private final CatalogValidator validator;
    private final SearchIndexes indexes;
    private final boolean enabled;
    private volatile boolean done;

    public PublishWarmUp(CatalogValidator validator, SearchIndexes indexes, CatalogConfig config) {
        this.validator = validator;
        this.indexes = indexes;
        this.enabled = config.warmUp();
    }

    void onStart(@Observes StartupEvent started) {
        if (!enabled) {
            done = true;
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            long start = System.nanoTime();
            try {
                rehearse();
                LOG.infof("Publish rehearsed in %d ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("Publish rehearsal failed; the first publish will be slower", e);
            } finally {
                done = true;
            }
        });
    }

    /** One publish's work without the database; the number of items the rehearsed index holds. */
    public int rehearse() {
        try {
            JsonNode body = JSON.readTree(JSON.writeValueAsBytes(madeUpCatalog()));
            CatalogValidator.Result result = validator.validate(body);
            if (!result.valid()) {
                throw new IllegalStateException("the made-up catalog is invalid: " + result.errors().get(0));
            }
            List<Map<String, Object>> canonical = CanonicalCatalog.canonicalItems(result.items());
            Map<String, List<String>> synonyms = CanonicalCatalog.canonicalSynonyms(result.synonyms());
            CanonicalCatalog.content(canonical, synonyms);
            SearchIndexes.Searchable searchable = indexes.prepare(canonical, synonyms).await().indefinitely();
            for (String query : new String[] {"zapatillas", "sapatillas trail", "cafe modelo 12", "te", "zapas"}) {
                searchable.index().search(query, null, 10);
            }
            return searchable.index().size();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("publish-rehearsal").status(done).build();
    }

    private static Map<String, Object> madeUpCatalog() {
        List<Map<String, Object>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", "WARM-" + i);
            item.put("nombre", WORDS[i % WORDS.length] + " modelo " + i);
            item.put("descripcion", "Producto de ensayo número " + i + ", ideal para el día a día");
            item.put("precio", 990 + i * 10);
            item.put("url", "https://tienda.example.com/p/" + i);
            item.put("categoria", "Categoría " + i % 25);
            item.put("stock", i % 50);
            items.add(item);
        }
        return Map.of("items", items, "synonyms", Map.of("zapas", List.of("zapatillas")));
    }
}
