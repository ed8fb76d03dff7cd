package io.liora.common.net;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Links Liora shows customers or hands to Bitly must point to a public host. A host
 * that is an IP literal must not be loopback, link-local, private, unique-local, CGNAT or
 * unspecified; a name must not be {@code localhost} or under a local-only suffix. Names are not
 * resolved here (the catalog is data, not a fetch), so a public name pointing inward is the
 * fetcher's concern.
 */
public final class PublicUrls {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private PublicUrls() {
    }

    /** @return why an https URL to a public host is refused, or {@code null} when it is acceptable */
    public static String problem(String url) {
        return problem(url, true);
    }

    /** @return why the URL is refused, or {@code null} when it is acceptable */
    public static String problem(String url, boolean httpsOnly) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (httpsOnly ? !scheme.equals("https") : !(scheme.equals("https") || scheme.equals("http"))) {
            return httpsOnly ? "must use https" : "must use http or https";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "has no host";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || IPV4.matcher(host).matches()) {
            return isPublicAddress(host.replace("[", "").replace("]", "")) ? null : "must not point to a private address";
        }
        String ascii = IDN.toASCII(host);
        if (ascii.equals("localhost") || ascii.endsWith(".localhost") || ascii.endsWith(".local")
                || ascii.endsWith(".internal") || ascii.endsWith(".lan") || ascii.endsWith(".home.arpa")
                || !ascii.contains(".")) {
            return "must name a public host";
        }
        return null;
    }

    private static boolean isPublicAddress(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal); // a literal: no lookup happens
            byte[] bytes = address.getAddress();
            boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
            return !(address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || carrierNat);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
