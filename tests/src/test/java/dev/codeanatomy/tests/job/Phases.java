package dev.codeanatomy.tests.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time of a long test's phases, in seconds with one decimal, for its printed report; and the
 * report of a failed cluster test (phases so far and the tails of every process log).
 */
final class Phases {

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long start = System.nanoTime();

    /** Ends the current phase as {@code name}; the next one starts now. */
    void end(String name) {
        long now = System.nanoTime();
        seconds.put(name, Math.round((now - start) / 1e8) / 10.0);
        start = now;
    }

    @Override
    public String toString() {
        return seconds.toString();
    }

    /** Prints to stderr that {@code test} failed after these phases, with the cluster's logs. */
    void printFailure(String test, FlinkProcesses cluster) {
        if (cluster == null) {
            return;
        }
        try {
            System.err.println(
                    test
                            + " failed after phases (s) "
                            + this
                            + "; process logs:\n"
                            + cluster.logTails(60));
        } catch (java.io.IOException e) {
            System.err.println(
                    test + " failed after phases (s) " + this + "; logs unreadable: " + e);
        }
    }
}
