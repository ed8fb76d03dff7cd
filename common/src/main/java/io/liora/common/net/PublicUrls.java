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
 *
 * <p>Hosts are read as a browser reads them (the WHATWG URL standard): a host whose last label is a
 * number is an IPv4 address in any of its forms (dotted, octal {@code 0177.0.0.1}, hex
 * {@code 0x7f.1}, a single integer {@code 2130706433}, fewer than four parts), trailing dots are
 * dropped ({@code localhost.}), and IPv6 literals, IPv4-mapped ones included, are checked by their
 * bytes.
 */
public final class PublicUrls {

    /** The last label of a host that browsers read as an IPv4 address ("ends in a number"). */
    private static final Pattern NUMBER = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)$");

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
        if (host.startsWith("[")) {
            return isPublicAddress(host.replace("[", "").replace("]", "")) ? null : "must not point to a private address";
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return "has no host";
        }
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (NUMBER.matcher(last).matches()) {
            byte[] ipv4 = ipv4(host);
            if (ipv4 == null) {
                return "is not a valid host";
            }
            return isPublicAddress(ipv4) ? null : "must not point to a private address";
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            return "is not a valid host";
        }
        if (ascii.equals("localhost") || ascii.endsWith(".localhost") || ascii.endsWith(".local")
                || ascii.endsWith(".internal") || ascii.endsWith(".lan") || ascii.endsWith(".home.arpa")
                || !ascii.contains(".")) {
            return "must name a public host";
        }
        return null;
    }

    /**
     * The WHATWG IPv4 parser: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); every part
     * but the last below 256, the last filling the remaining bytes. {@code null}: not an address.
     */
    static byte[] ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null || (i < parts.length - 1 && value > 255)) {
                return null;
            }
            values[i] = value;
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        long address = last;
        for (int i = 0; i < parts.length - 1; i++) {
            address += values[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
    }

    private static Long number(String part) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return part.isEmpty() ? null : Long.parseLong(part);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isPublicAddress(byte[] ipv4) {
        try {
            return isPublicAddress(InetAddress.getByAddress(ipv4));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isPublicAddress(String literal) {
        try {
            return isPublicAddress(InetAddress.getByName(literal)); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isPublicAddress(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        boolean thisNetwork = bytes.length == 4 && bytes[0] == 0;
        return !(address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || carrierNat
                || thisNetwork);
    }
}
