package ai.tock.community.shared;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reverse proxies whose {@code X-Forwarded-For} / {@code Forwarded} headers are believed
 * ({@code BOT_TRUSTED_PROXIES}: addresses and CIDR ranges, none by default), and the client address
 * they give: the right-most address of the chain that is not itself a trusted proxy. From any other
 * peer the headers are ignored, so a client cannot choose its own address. Addresses are parsed as
 * literals only (Netty's {@link NetUtil}), never resolved through DNS; ranges are Netty's
 * {@link IpSubnetFilterRule}.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private final List<IpSubnetFilterRule> ranges;
    private final String setting;

    private TrustedProxies(List<IpSubnetFilterRule> ranges, String setting) {
        this.ranges = ranges;
        this.setting = setting;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param setting comma-separated addresses ({@code 10.0.0.7}, {@code ::1}) and ranges ({@code 10.0.0.0/8},
     *                {@code fd00::/8}); blank for none
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(String setting) {
        List<IpSubnetFilterRule> ranges = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) {
                ranges.add(range(trimmed));
            }
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(List.copyOf(ranges), setting.strip());
    }

    private static IpSubnetFilterRule range(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR range (such as 10.0.0.0/8)");
        }
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String bits = entry.substring(slash + 1);
            prefix = bits.matches("\\d{1,3}") ? Integer.parseInt(bits) : -1;
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0 to " + maxPrefix);
            }
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    /** An IP literal (no DNS), or null. */
    private static InetAddress literal(String text) {
        if (!NetUtil.isValidIpV4Address(text) && !NetUtil.isValidIpV6Address(text)) {
            return null;
        }
        return NetUtil.createInetAddressFromIpAddressString(text);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (an IP literal, as a peer address is given) is one of the trusted proxies. */
    public boolean trusts(String address) {
        InetAddress parsed = address == null ? null : literal(address);
        return parsed != null && trusts(parsed);
    }

    private boolean trusts(InetAddress address) {
        if (ranges.isEmpty()) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule range : ranges) {
            if (range.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address.
     *
     * @param peer          the address of the connection's other end
     * @param xForwardedFor every {@code X-Forwarded-For} header, in order (each may list several hops)
     * @param forwarded     every {@code Forwarded} header (RFC 7239), used when there is no {@code X-Forwarded-For}
     * @return the peer, unless it is a trusted proxy; then the right-most hop of the chain that is not
     * a trusted proxy. A hop that is not an address ({@code unknown}, an obfuscated name, garbage)
     * ends the walk: the last trusted hop is the client as far as the bot can tell.
     */
    public String clientAddress(String peer, List<String> xForwardedFor, List<String> forwarded) {
        InetAddress peerAddress = peer == null ? null : literal(peer);
        if (peerAddress == null || !trusts(peerAddress)) {
            return peerAddress == null ? String.valueOf(peer) : NetUtil.toAddressString(peerAddress);
        }
        List<String> hops = !xForwardedFor.isEmpty() ? forwardedForHops(xForwardedFor) : forwardedHops(forwarded);
        InetAddress client = peerAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(withoutPort(hops.get(i)));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return NetUtil.toAddressString(client);
    }

    private static List<String> forwardedForHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** The {@code for=} values of {@code Forwarded: for=192.0.2.43, for="[2001:db8::1]:4711";proto=https}. */
    private static List<String> forwardedHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String element : header.split(",")) {
                String hop = "unknown"; // an element without for= is a hop the bot cannot place
                for (String pair : element.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
                        hop = unquoted(pair.substring(equals + 1).strip());
                    }
                }
                hops.add(hop);
            }
        }
        return hops;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** {@code [2001:db8::1]:4711} → {@code 2001:db8::1}; {@code 192.0.2.43:80} → {@code 192.0.2.43}; others unchanged. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    @Override
    public String toString() {
        return ranges.isEmpty() ? "none" : setting;
    }

}
