package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * Where the channel stands: the /sync token to resume from, and the threads it has answered in
 * (it keeps answering there without a mention, also after a restart).
 */
record GitterSyncPosition(@JsonProperty("next_batch") String nextBatch,
                          @JsonProperty("answered_threads") List<String> answeredThreads) {

    /** A thread id that is not text reads as null (MatrixJson's mapper): dropped. */
    GitterSyncPosition {
        answeredThreads = answeredThreads.stream().filter(Objects::nonNull).toList();
    }
}
