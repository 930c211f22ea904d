package dev.keyward.domain.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may be delivered: a public unicast address on the internet, never into the network Keyward runs in
 * (cloud metadata at 169.254.169.254, a database on 10.0.0.5, this machine), or a tenant admin could make Keyward's
 * servers knock on doors only they can reach. Loopback only in development ({@code keyward.webhooks.loopback-http}).
 * The rule is the address's; a URL's host name is resolved where a delivery is registered and again before every
 * delivery, by whoever holds a resolver.
 */
public final class WebhookTarget {

    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private WebhookTarget() {
    }

    /** True when a webhook may go to {@code address}: public unicast, or loopback where {@code loopbackAllowed}. */
    public static boolean mayReceive(InetAddress address, boolean loopbackAllowed) {
        if (address.isLoopbackAddress()) {
            return loopbackAllowed;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? publicV4(b, 0) : publicV6(b);
    }

    private static boolean publicV4(byte[] b, int at) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        int third = b[at + 2] & 0xff;
        return !(first == 0 || first == 10 || first == 127 || first >= 224                 // this network, private, loopback, multicast and reserved
                || first == 100 && (second & 0xc0) == 64                                    // 100.64.0.0/10, carrier-grade NAT
                || first == 169 && second == 254                                            // link-local, cloud metadata
                || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168    // private
                || first == 192 && second == 0 && (third == 0 || third == 2)                // IETF protocol assignments, documentation
                || first == 198 && (second & 0xfe) == 18                                    // benchmarking
                || first == 198 && second == 51 && third == 100 || first == 203 && second == 0 && third == 113); // documentation
    }

    private static boolean publicV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xff) {                                      // unique local, multicast
            return false;
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {                                       // 6to4: the IPv4 address inside decides
            return publicV4(b, 2);
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) { // documentation
            return false;
        }
        boolean nat64 = first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12);
        if (nat64 || zero(b, 0, 12)) {                                                      // 64:ff9b::/96 and ::a.b.c.d carry IPv4
            return publicV4(b, 12);
        }
        return true;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The address a URL's host names literally ({@code 10.0.0.1}, {@code [fd00::1]}), read without asking DNS; empty for
     * a host name. Digits and dots that are not a dotted quad (the old {@code 167772161} and {@code 10.1} forms) are not
     * a host at all.
     */
    static Optional<InetAddress> literal(String host) throws UnknownHostException {
        if (host.startsWith("[") && host.endsWith("]")) {
            return Optional.of(InetAddress.getByName(host)); // an IPv6 literal: never a lookup
        }
        if (!DIGITS_AND_DOTS.matcher(host).matches()) {
            return Optional.empty();
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new UnknownHostException(host);
        }
        byte[] quad = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                throw new UnknownHostException(host);
            }
            quad[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of((Inet4Address) InetAddress.getByAddress(quad));
    }
}
