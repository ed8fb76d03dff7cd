package io.liora.integrations.bitly;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds UTM parameters to a URL: the URL's own query parameters are kept in order, a UTM
 * parameter the URL already has is replaced (never duplicated), values are percent-encoded, and
 * the fragment stays last.
 */
final class UtmLinks {

    private UtmLinks() {
    }

    static String withUtm(String url, Map<String, String> utm) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        utm.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                wanted.put("utm_" + name, value.strip());
            }
        });
        List<String> pairs = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!wanted.containsKey(name) && !pair.isEmpty()) {
                    pairs.add(pair);
                }
            }
        }
        wanted.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        StringBuilder result = new StringBuilder();
        result.append(uri.getScheme()).append("://").append(uri.getRawAuthority());
        result.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (!pairs.isEmpty()) {
            result.append('?').append(String.join("&", pairs));
        }
        if (uri.getRawFragment() != null) {
            result.append('#').append(uri.getRawFragment());
        }
        return result.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
