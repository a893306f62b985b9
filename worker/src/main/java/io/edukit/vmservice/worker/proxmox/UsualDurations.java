package io.edukit.vmservice.worker.proxmox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long waits of a kind took lately on Proxmox (a task type on a node, a clone of a template
 * on a node, a guest agent's first answer on a node), so that the look that ends a wait comes at
 * a short pause (a small share of the usual duration) around the time its kind usually ends, not
 * up to the longest pause late. A task seen done late keeps what waits for it (a node's clone
 * slot) idle.
 */
public final class UsualDurations {

    /**
     * Looks come at a short pause (a small share of the usual duration) from this share of a kind's
     * usual duration (looks that cost an error answer: from one such pause before it)...
     */
    static final double WINDOW_OPENS = 0.9;
    /** ...to this share; a wait still going on then is unusual, and its pauses grow again. */
    static final double WINDOW_CLOSES = 1.5;
    /** In the window a look comes every this share of the usual duration (within the shortest and the longest pause)... */
    static final double PAUSE_IN_WINDOW = 0.02;
    /** ...and every this share where a look before the end costs an error answer. */
    static final double COSTLY_PAUSE_IN_WINDOW = 0.05;
    /**
     * Before the window, looks come this share of the usual duration apart (the grown pause if
     * longer), one longest pause at least and {@link #LONGEST_PAUSES_BEFORE_WINDOW} at most: they
     * only catch a wait that ends sooner than usual (a task failing at once), and each costs the node
     * a request. A 20 s clone is looked at 4 times before its window, not 20; a 3 min one every 5 s,
     * not every 45 s; a 1 s config change once, at its window, not at every growing pause before it.
     */
    static final double PAUSE_BEFORE_WINDOW = 0.25;
    static final int LONGEST_PAUSES_BEFORE_WINDOW = 5;
    /** Two looks at most this share of the wait apart say when it ended. */
    private static final double CLOSE_LOOKS = 0.1;
    /** How much the latest wait counts in a kind's usual duration. */
    private static final double WEIGHT_OF_LATEST = 0.3;

    private final Duration shortestPause;
    private final Duration longestPause;
    private final Map<String, Long> usualNanos = new ConcurrentHashMap<>();

    /** Pauses in the window are {@code shortestPause} to {@code longestPause} long (a task poll's first and longest). */
    public UsualDurations(Duration shortestPause, Duration longestPause) {
        if (shortestPause.compareTo(longestPause) > 0) {
            throw new IllegalArgumentException("the shortest pause " + shortestPause + " is longer than the longest " + longestPause);
        }
        this.shortestPause = shortestPause;
        this.longestPause = longestPause;
    }

    /** The growing pause's next step, where no usual duration says better: half as long again, {@code longest} at most. */
    public static Duration grow(Duration pause, Duration longest) {
        Duration next = pause.multipliedBy(3).dividedBy(2);
        return next.compareTo(longest) > 0 ? longest : next;
    }

    /**
     * The pause before the next look at a wait of {@code kind}, {@code waited} after it began, where
     * {@code grown} is the growing pause it would take without a usual duration to go by. Before
     * the window a look comes every quarter of the usual duration (one to five longest pauses): use
     * this where a look that finds the wait not over is an answer like any other.
     */
    public Duration pauseBeforeNextLook(String kind, Duration waited, Duration grown) {
        return pause(kind, waited, grown, false);
    }

    /**
     * As {@link #pauseBeforeNextLook}, but once the kind's usual duration is known the first look
     * comes one window pause before the usual end: for looks that cost an error answer (and with it,
     * at pveproxy, the connection) while the wait is not over.
     */
    public Duration pauseSkippingToTheUsualEnd(String kind, Duration waited, Duration grown) {
        return pause(kind, waited, grown, true);
    }

    private Duration pause(String kind, Duration waited, Duration grown, boolean costly) {
        Long usual = usualNanos.get(kind);
        if (usual == null) {
            return grown;
        }
        // Not the grown pause: it starts at the shortest, and each look it makes early may cost an error answer.
        long inWindow = Math.clamp((long) (usual * (costly ? COSTLY_PAUSE_IN_WINDOW : PAUSE_IN_WINDOW)),
                shortestPause.toNanos(), longestPause.toNanos());
        // A look that costs an error answer comes one pause before the usual end, not over the window's
        // first tenth: a guest that answers at its usual time is then met by one error answer, not by three.
        long untilWindow = (costly ? usual - inWindow : (long) (usual * WINDOW_OPENS)) - waited.toNanos();
        if (untilWindow > 0 && costly) {
            return Duration.ofNanos(Math.max(untilWindow, shortestPause.toNanos()));
        }
        if (untilWindow > 0) {
            long share = Math.clamp((long) (usual * PAUSE_BEFORE_WINDOW), longestPause.toNanos(),
                    longestPause.toNanos() * LONGEST_PAUSES_BEFORE_WINDOW);
            return Duration.ofNanos(Math.max(Math.min(Math.max(grown.toNanos(), share), untilWindow), shortestPause.toNanos()));
        }
        if (waited.toNanos() >= usual * WINDOW_CLOSES) {
            return grown;
        }
        return Duration.ofNanos(inWindow);
    }

    /**
     * A wait of {@code kind} ended: its last look found it going on {@code lastSeenGoingOn} after it
     * began (zero: no look did), and over {@code seenOver} after. Two looks close together put the
     * end between them; after a long gap (the looks skipped before the window) only {@code seenOver}
     * is known, an upper bound, which lets the usual duration come down until a look finds the wait
     * going on. A wait over at its first look counts as taking at most {@link #WINDOW_OPENS} of the
     * usual: first looked at just before the usual end (an error answer's), it may have ended long
     * before, and the usual comes down as fast as when the window opened earlier.
     */
    public void ended(String kind, Duration lastSeenGoingOn, Duration seenOver) {
        long gap = seenOver.toNanos() - lastSeenGoingOn.toNanos();
        long took = gap <= seenOver.toNanos() * CLOSE_LOOKS ? (lastSeenGoingOn.toNanos() + seenOver.toNanos()) / 2 : seenOver.toNanos();
        boolean overAtFirstLook = lastSeenGoingOn.isZero();
        usualNanos.merge(kind, took, (usual, latest) -> {
            long counted = overAtFirstLook ? Math.min(latest, (long) (usual * WINDOW_OPENS)) : latest;
            return (long) (usual * (1 - WEIGHT_OF_LATEST) + counted * WEIGHT_OF_LATEST);
        });
    }

    /** The usual duration of {@code kind}; zero until a wait of its kind ended. For tests: the pauses are what the waits use. */
    Duration usual(String kind) {
        Long usual = usualNanos.get(kind);
        return usual == null ? Duration.ZERO : Duration.ofNanos(usual);
    }
}
