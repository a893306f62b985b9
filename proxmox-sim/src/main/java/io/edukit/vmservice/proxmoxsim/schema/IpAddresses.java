package io.edukit.vmservice.proxmoxsim.schema;

import java.util.regex.Pattern;

/** PVE's IPv4 and IPv6 literal patterns ({@code PVE::Tools::IPV4RE}, {@code IPV6RE}). */
final class IpAddresses {

    private static final String OCTET = "(?:25[0-5]|(?:2[0-4]|1[0-9]|[1-9])?[0-9])";
    static final String IPV4 = "(?:(?:" + OCTET + "\\.){3}" + OCTET + ")";
    private static final String H16 = "(?:[0-9a-fA-F]{1,4})";
    private static final String LS32 = "(?:(?:" + IPV4 + "|" + H16 + ":" + H16 + "))";
    static final String IPV6 = "(?:"
            + "(?:(?:(?:" + H16 + ":){6})" + LS32 + ")|"
            + "(?:(?:::(?:" + H16 + ":){5})" + LS32 + ")|"
            + "(?:(?:(?:" + H16 + ")?::(?:" + H16 + ":){4})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,3}" + H16 + ")?::(?:" + H16 + ":){1})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,4}" + H16 + ")?::)" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,5}" + H16 + ")?::)" + H16 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,6}" + H16 + ")?::)))";

    private static final Pattern V4 = Pattern.compile(IPV4);
    private static final Pattern V6 = Pattern.compile(IPV6);
    private static final Pattern V4_CIDR = Pattern.compile(IPV4 + "/(\\d+)");
    private static final Pattern V6_CIDR = Pattern.compile(IPV6 + "/(\\d+)");

    private IpAddresses() {}

    static boolean isIpv4(String s) {
        return V4.matcher(s).matches();
    }

    static boolean isIpv6(String s) {
        return V6.matcher(s).matches();
    }

    static boolean isCidrV4(String s) {
        var m = V4_CIDR.matcher(s);
        return m.matches() && prefixIn(m.group(1), 8, 32);
    }

    static boolean isCidrV6(String s) {
        var m = V6_CIDR.matcher(s);
        return m.matches() && prefixIn(m.group(1), 8, 128);
    }

    /** PVE accepts prefixes above 7 only: {@code ($1 > 7) && ($1 <= 32)}. */
    private static boolean prefixIn(String digits, int above, int max) {
        if (digits.length() > 3) {
            return false;
        }
        int p = Integer.parseInt(digits);
        return p >= above && p <= max;
    }
}
