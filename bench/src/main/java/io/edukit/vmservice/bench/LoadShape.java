package io.edukit.vmservice.bench;

/** How requests are sent: at a set rate whatever happens (open loop), or keeping a set number of VMs on their way (closed loop). */
sealed interface LoadShape {

    /** {@code perSecond} POSTs a second, evenly spaced, each sent on time however slow the answers are. */
    record OpenLoop(double perSecond) implements LoadShape {
        public OpenLoop {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("a rate must be above 0, got " + perSecond);
            }
        }

        @Override
        public String describe() {
            return "open loop, " + perSecond + " VMs/s";
        }
    }

    /** {@code concurrency} VMs between their POST and their RUNNING (or FAILED) event at any time. */
    record ClosedLoop(int concurrency) implements LoadShape {
        public ClosedLoop {
            if (concurrency < 1) {
                throw new IllegalArgumentException("a concurrency must be at least 1, got " + concurrency);
            }
        }

        @Override
        public String describe() {
            return "closed loop, " + concurrency + " VMs in flight";
        }
    }

    String describe();
}
