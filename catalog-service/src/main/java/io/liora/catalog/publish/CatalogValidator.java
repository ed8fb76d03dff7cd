package io.liora.catalog.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.liora.common.net.PublicUrls;
import io.liora.common.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a publish body against the published JSON Schema ({@code GET /catalog/schema}) and the
 * rules a schema cannot say (unique sku, the currency's decimals, public hosts), and reports every
 * error at once, each with its JSON pointer.
 */
@ApplicationScoped
public class CatalogValidator {

    static final String SCHEMA_RESOURCE = "catalog/catalog.schema.json";

    private final String schemaText;
    private final JsonSchema schema;
    private final CatalogConfig config;

    public CatalogValidator(CatalogConfig config) {
        this.config = config;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            this.schemaText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaValidatorsConfig validators = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText, validators);
    }

    /** The schema, as published. */
    public String schema() {
        return schemaText;
    }

    /** The result: the items and synonyms when valid, otherwise every error. */
    public record Result(List<CatalogItem> items, Map<String, List<String>> synonyms, List<Problem.FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result validate(JsonNode body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ValidationMessage message : schema.validate(body)) {
            errors.add(fieldError(message));
        }
        unstorable(body, "", errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::pointer));
            return new Result(List.of(), Map.of(), errors);
        }
        List<CatalogItem> items = new ArrayList<>();
        Map<String, Integer> skus = new HashMap<>();
        JsonNode array = body.get("items");
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String pointer = "/items/" + i;
            CatalogItem item = item(node);
            Integer first = skus.putIfAbsent(item.sku(), i);
            if (first != null) {
                errors.add(error(pointer + "/sku", "duplicates the sku of /items/" + first));
            }
            checkPrice(item, pointer, errors);
            String urlProblem = PublicUrls.problem(item.url());
            if (urlProblem != null) {
                errors.add(error(pointer + "/url", urlProblem));
            }
            if (item.imagenUrl() != null) {
                String imageProblem = PublicUrls.problem(item.imagenUrl());
                if (imageProblem != null) {
                    errors.add(error(pointer + "/imagen_url", imageProblem));
                }
            }
            items.add(item);
        }
        return new Result(errors.isEmpty() ? items : List.of(), errors.isEmpty() ? synonyms(body) : Map.of(), errors);
    }

    /** The synonyms trimmed, keyed by their word as given. */
    private static Map<String, List<String>> synonyms(JsonNode body) {
        Map<String, List<String>> synonyms = new HashMap<>();
        body.path("synonyms").fields().forEachRemaining(entry -> {
            List<String> alternatives = new ArrayList<>();
            entry.getValue().forEach(alternative -> alternatives.add(alternative.asText().strip()));
            synonyms.put(entry.getKey().strip(), alternatives);
        });
        return synonyms;
    }

    private void checkPrice(CatalogItem item, String pointer, List<Problem.FieldError> errors) {
        Currency currency;
        try {
            currency = Currency.getInstance(item.moneda());
        } catch (IllegalArgumentException e) {
            errors.add(error(pointer + "/moneda", "is not an ISO 4217 currency"));
            return;
        }
        int decimals = Math.max(currency.getDefaultFractionDigits(), 0);
        if (item.precio().stripTrailingZeros().scale() > decimals) {
            errors.add(error(pointer + "/precio", decimals == 0 ? item.moneda() + " has no decimals"
                    : item.moneda() + " has at most " + decimals + " decimals"));
        }
    }

    private CatalogItem item(JsonNode node) {
        String moneda = text(node, "moneda");
        return new CatalogItem(text(node, "sku"), text(node, "nombre"), text(node, "descripcion"),
                node.get("precio").decimalValue(), moneda == null ? config.defaultCurrency() : moneda,
                text(node, "url"), text(node, "imagen_url"), text(node, "categoria"),
                node.hasNonNull("stock") ? node.get("stock").intValue() : null);
    }

    /** Trimmed; blank is absent. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String trimmed = value.asText().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Problem.FieldError fieldError(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) || "additionalProperties".equals(message.getType())) {
            pointer = (pointer.equals("/") ? "" : pointer) + "/" + message.getProperty();
        }
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return error(pointer.isEmpty() ? "/" : pointer, colon > 0 ? text.substring(colon + 2) : text);
    }

    /** Every string PostgreSQL could not store (U+0000, lone surrogates), keys too, by pointer. */
    private static void unstorable(JsonNode node, String pointer, List<Problem.FieldError> errors) {
        if (node.isTextual() && io.liora.common.text.StorableText.unstorable(node.textValue())) {
            errors.add(error(pointer.isEmpty() ? "/" : pointer, io.liora.common.text.StorableText.PROBLEM));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unstorable(node.get(i), pointer + "/" + i, errors);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (io.liora.common.text.StorableText.unstorable(field.getKey())) {
                    errors.add(error(pointer.isEmpty() ? "/" : pointer, io.liora.common.text.StorableText.PROBLEM));
                } else {
                    unstorable(field.getValue(), child, errors);
                }
            });
        }
    }

    private static Problem.FieldError error(String pointer, String message) {
        return new Problem.FieldError(fieldName(pointer), pointer, message);
    }

    /** {@code /items/3/precio} -> {@code items[3].precio}. */
    static String fieldName(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                field.append('[').append(part).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

}
