package ai.tock.community.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, fd00::/8");

    @Test
    void addresses_and_ranges_of_both_families_are_trusted() {
        assertTrue(PROXIES.trusts("10.200.3.4"));
        assertTrue(PROXIES.trusts("192.168.1.7"));
        assertFalse(PROXIES.trusts("192.168.1.8"));
        assertTrue(PROXIES.trusts("fd12:3456::1"));
        assertFalse(PROXIES.trusts("2001:db8::1"));
        assertFalse(PROXIES.trusts("not-an-address"));
        assertFalse(TrustedProxies.none().trusts("127.0.0.1"), "none by default");
    }

    @Test
    void from_a_peer_that_is_not_trusted_the_headers_are_ignored() {
        assertEquals("203.0.113.9", PROXIES.clientAddress("203.0.113.9", List.of("198.51.100.1"), List.of("for=198.51.100.2")));
        assertEquals("127.0.0.1", TrustedProxies.none().clientAddress("127.0.0.1", List.of("198.51.100.1"), List.of()));
    }

    @Test
    void from_a_trusted_peer_the_right_most_untrusted_hop_is_the_client() {
        // The client put a spoofed address first; nginx appended the address it saw; a second proxy the peer.
        assertEquals("198.51.100.4", PROXIES.clientAddress("10.0.0.2", List.of("1.2.3.4, 198.51.100.4, 10.0.0.9"), List.of()));
        // Several headers are one list, in order.
        assertEquals("198.51.100.5", PROXIES.clientAddress("10.0.0.2", List.of("1.2.3.4", "198.51.100.5"), List.of()));
        // No header: the proxy itself.
        assertEquals("10.0.0.2", PROXIES.clientAddress("10.0.0.2", List.of(), List.of()));
        // Every hop trusted: the left-most, as far as the chain goes.
        assertEquals("10.1.1.1", PROXIES.clientAddress("10.0.0.2", List.of("10.1.1.1, 10.2.2.2"), List.of()));
    }

    @Test
    void a_hop_that_is_not_an_address_stops_at_the_last_trusted_hop() {
        assertEquals("10.0.0.9", PROXIES.clientAddress("10.0.0.2", List.of("198.51.100.4, garbage, 10.0.0.9"), List.of()));
        assertEquals("10.0.0.2", PROXIES.clientAddress("10.0.0.2", List.of("unknown"), List.of()));
    }

    @Test
    void forwarded_is_read_when_there_is_no_x_forwarded_for() {
        assertEquals("2001:db8::17", PROXIES.clientAddress("10.0.0.2",
                List.of(), List.of("for=1.2.3.4;proto=http, For=\"[2001:DB8:0:0::17]:4711\";proto=https", "for=10.0.0.3")));
        assertEquals("192.0.2.43", PROXIES.clientAddress("10.0.0.2", List.of(), List.of("for=192.0.2.43:8080;by=10.0.0.2")));
        assertEquals("10.0.0.2", PROXIES.clientAddress("10.0.0.2", List.of(), List.of("for=_hidden")));
        // X-Forwarded-For wins when both are sent.
        assertEquals("198.51.100.1", PROXIES.clientAddress("10.0.0.2", List.of("198.51.100.1"), List.of("for=192.0.2.43")));
    }

    @Test
    void addresses_come_out_in_one_spelling() {
        assertEquals("2001:db8::1", PROXIES.clientAddress("10.0.0.2", List.of("2001:0DB8:0000::0001"), List.of()));
        assertEquals("198.51.100.4", PROXIES.clientAddress("10.0.0.2", List.of("198.51.100.4:5123"), List.of()));
    }

    @Test
    void a_bad_entry_is_refused_naming_it() {
        IllegalArgumentException notAnAddress = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.1, proxy.example"));
        assertTrue(notAnAddress.getMessage().contains("'proxy.example'"), notAnAddress.getMessage());
        IllegalArgumentException badPrefix = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertTrue(badPrefix.getMessage().contains("'10.0.0.0/33'") && badPrefix.getMessage().contains("32"), badPrefix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("fd00::/129"));
        assertTrue(TrustedProxies.parse(" , ").isEmpty());
    }
}
