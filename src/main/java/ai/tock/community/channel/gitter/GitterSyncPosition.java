package ai.tock.community.channel.gitter;

import java.util.List;
import java.util.Objects;

/**
 * Where the channel stands: the /sync token to resume from, and the threads it has answered in
 * (it keeps answering there without a mention, also after a restart).
 */
record GitterSyncPosition(String nextBatch, List<String> answeredThreads) {

    GitterSyncPosition {
        Objects.requireNonNull(nextBatch);
        answeredThreads = List.copyOf(answeredThreads);
    }
}
