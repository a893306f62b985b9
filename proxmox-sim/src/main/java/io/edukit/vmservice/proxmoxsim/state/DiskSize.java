package io.edukit.vmservice.proxmoxsim.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code parse_size} and {@code format_size} of pve-common: {@code 2G} is 2 GiB, printed in the largest exact unit. */
public final class DiskSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT])?");

    private DiskSize() {}

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        long factor = unit == null ? 1 : switch (unit) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            default -> 1L << 40;
        };
        return (long) (value * factor);
    }

    public static String format(long bytes) {
        if (bytes % 1024 != 0) {
            return Long.toString(bytes);
        }
        long kb = bytes / 1024;
        if (kb % 1024 != 0) {
            return kb + "K";
        }
        long mb = kb / 1024;
        if (mb % 1024 != 0) {
            return mb + "M";
        }
        long gb = mb / 1024;
        if (gb % 1024 != 0) {
            return gb + "G";
        }
        return (gb / 1024) + "T";
    }

    public static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
