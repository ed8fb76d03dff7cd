package io.liora.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hosts are read as a browser reads them before the private-address rule applies. */
class PublicUrlsTest {

    @Test
    void everyFormOfALoopbackOrPrivateIpv4AddressIsRefused() {
        for (String host : new String[] {"127.0.0.1", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "2130706433",
                "127.1", "0177.1", "10.0.0.1", "012.0.0.1", "192.168.1.1", "0xc0.0xa8.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "0", "127.0.0.1.", "0177.0.0.1."}) {
            assertThat(PublicUrls.problem("https://" + host + "/p")).as(host).isNotNull();
        }
    }

    @Test
    void localNamesWithATrailingDotAndIpv6FormsAreRefused() {
        for (String url : new String[] {"https://localhost./", "https://localhost../", "https://tienda.local./",
                "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[fd00::1]/",
                "https://[fe80::1]/", "https://[::]/"}) {
            assertThat(PublicUrls.problem(url)).as(url).isNotNull();
        }
    }

    @Test
    void numbersThatAreNoAddressAreNotHosts() {
        // refused whichever parser saw it first (java.net.URI finds no host in some of them)
        assertThat(PublicUrls.problem("https://1.2.3.4.5/")).isIn("is not a valid host", "has no host");
        assertThat(PublicUrls.problem("https://256.256.256.256/")).isIn("is not a valid host", "has no host");
        assertThat(PublicUrls.problem("https://08.1.1.1/")).as("8 is no octal digit")
                .isIn("is not a valid host", "has no host");
        assertThat(PublicUrls.ipv4("1.2.3.4.5")).isNull();
        assertThat(PublicUrls.ipv4("256.1.1.1")).isNull();
        assertThat(PublicUrls.ipv4("08.1.1.1")).isNull();
        assertThat(PublicUrls.ipv4("0177.1")).containsExactly(127, 0, 0, 1);
        assertThat(PublicUrls.ipv4("0x7f000001")).containsExactly(127, 0, 0, 1);
        assertThat(PublicUrls.ipv4("2130706433")).containsExactly(127, 0, 0, 1);
    }

    @Test
    void publicHostsAndAddressesAreAccepted() {
        for (String url : new String[] {"https://tienda.example.com/p/1", "https://tienda.example.com./p/1",
                "https://8.8.8.8/", "https://010.010.010.010/", "https://[2606:4700::1111]/"}) {
            assertThat(PublicUrls.problem(url)).as(url).isNull();
        }
    }
}
