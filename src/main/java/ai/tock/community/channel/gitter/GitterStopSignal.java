package ai.tock.community.channel.gitter;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells the sync loop and the reply retries to give up; their waits end as soon as it is raised. */
final class GitterStopSignal {

    private final CountDownLatch raised = new CountDownLatch(1);

    void raise() {
        raised.countDown();
    }

    boolean isRaised() {
        return raised.getCount() == 0;
    }

    /** Waits for the given time; returns false if the signal was raised meanwhile (or the thread interrupted). */
    boolean pause(Duration duration) {
        try {
            return !raised.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
