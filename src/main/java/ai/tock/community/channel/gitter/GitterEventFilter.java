package ai.tock.community.channel.gitter;

import ai.tock.community.shared.BoundedCaches;
import ai.tock.community.shared.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reads the rooms section of a /sync batch: learns what it needs about rooms and members, and picks the messages
 * the bot should answer. A malformed event costs one log line, never the batch.
 */
final class GitterEventFilter {

    static final int MAX_QUESTION_LENGTH = 1_000;
    private static final int REMEMBERED_EVENTS = 10_000;
    private static final int REMEMBERED_THREADS = 2_000;
    private static final int REMEMBERED_NAMES = 10_000;
    private static final int REMEMBERED_ROOMS = 10_000;
    // A failed member-count lookup is asked again after this long: not on every message (the lookup
    // blocks the sync thread), not never (a server may leave the count out of later sync summaries).
    private static final long MEMBER_LOOKUP_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final Logger logger = LoggerFactory.getLogger(GitterEventFilter.class);

    /** What one batch asks of the connector. */
    record Batch(List<GitterQuestion> questions, List<String> directInvites) {
    }

    private final String botUserId;
    private final GitterMentions mentions;
    private final Function<String, OptionalInt> joinedMemberLookup;
    private final Set<String> processedEvents = Collections.newSetFromMap(BoundedCaches.<String, Boolean>of(REMEMBERED_EVENTS).asMap());
    private final Set<String> answeredThreads = Collections.newSetFromMap(BoundedCaches.<String, Boolean>of(REMEMBERED_THREADS).asMap());
    private final Map<String, String> displayNames = BoundedCaches.<String, String>of(REMEMBERED_NAMES).asMap();
    private final Map<String, Integer> joinedMemberCounts = BoundedCaches.<String, Integer>of(REMEMBERED_ROOMS).asMap();
    private final Map<String, Long> failedLookupAt = BoundedCaches.<String, Long>of(REMEMBERED_ROOMS).asMap();
    private final LongSupplier nanoClock;

    /**
     * @param joinedMemberLookup asks the homeserver for a room's member count when no sync summary told us
     * @param nanoClock          when a failed lookup may be asked again
     */
    GitterEventFilter(String botUserId, String botDisplayName, Function<String, OptionalInt> joinedMemberLookup,
                      Collection<String> answeredThreads, LongSupplier nanoClock) {
        this.botUserId = botUserId;
        this.mentions = new GitterMentions(botUserId, botDisplayName);
        this.joinedMemberLookup = joinedMemberLookup;
        this.nanoClock = nanoClock;
        this.answeredThreads.addAll(answeredThreads);
    }

    /**
     * @param initialSync true for the first sync ever: the backlog is learnt from, never answered
     */
    Batch read(MatrixJson.Rooms rooms, boolean initialSync) {
        List<GitterQuestion> questions = new ArrayList<>();
        rooms.join().forEach((roomId, room) -> {
            if (room == null) {
                logger.warn("Gitter sync: room {} is not an object; skipped", roomId);
            } else {
                readRoom(roomId, room, initialSync, questions);
            }
        });
        return new Batch(questions, directInvites(rooms.invite()));
    }

    void rememberAnsweredThread(String threadRootId) {
        answeredThreads.add(threadRootId);
    }

    /** A question whose handling failed: read again when its batch is handed again. */
    void forget(GitterQuestion question) {
        processedEvents.remove(question.eventId());
    }

    List<String> answeredThreads() {
        return List.copyOf(answeredThreads);
    }

    private void readRoom(String roomId, MatrixJson.JoinedRoom room, boolean initialSync, List<GitterQuestion> questions) {
        if (room.summary().joinedMemberCount() != null) {
            joinedMemberCounts.put(roomId, room.summary().joinedMemberCount());
        }
        room.state().events().stream().filter(event -> event != null && "m.room.member".equals(event.type())).forEach(this::learnMember);
        if (room.timeline().isLimited() && !initialSync) {
            logger.info("Gitter room {} had more new events than one sync returns; the oldest were not read", roomId);
        }
        for (MatrixJson.Event event : room.timeline().events()) {
            try {
                GitterQuestion question = consider(roomId, event, initialSync);
                if (question != null) {
                    questions.add(question);
                }
            } catch (RuntimeException e) {
                logger.warn("Gitter event {} in room {} skipped: {}", event.eventId(), roomId, e.toString());
            }
        }
    }

    /** Returns the question to answer, or null. */
    private GitterQuestion consider(String roomId, MatrixJson.Event event, boolean initialSync) {
        if (event == null) {
            logger.warn("Gitter event in room {} skipped: not a JSON object", roomId);
            return null;
        }
        if ("m.room.member".equals(event.type())) {
            learnMember(event);
            return null;
        }
        if (!"m.room.message".equals(event.type())) {
            return null;
        }
        String eventId = event.eventId();
        String sender = event.sender();
        MatrixJson.Content content = event.content();
        if (eventId == null || sender == null || content == null) {
            logger.warn("Gitter message in room {} skipped: no {}", roomId,
                    eventId == null ? "event_id" : sender == null ? "sender" : "content");
            return null;
        }
        if (!processedEvents.add(eventId)) {
            return null;
        }
        MatrixJson.Relation relation = content.relatesTo();
        String threadRootId = "m.thread".equals(content.relationType()) ? relation.eventId() : null;
        if (sender.equals(botUserId)) {
            if (threadRootId != null) {
                answeredThreads.add(threadRootId);
            }
            return null;
        }
        if (initialSync || "m.replace".equals(content.relationType()) || event.isRedacted() || !"m.text".equals(content.msgtype())) {
            return null;
        }
        if (content.body() == null) {
            logger.warn("Gitter message {} in room {} skipped: no text body", eventId, roomId);
            return null;
        }
        String text = withoutReplyFallback(content.body(), relation);
        boolean addressed = mentions.isMentioned(content.mentions(), content.html(), text)
                || threadRootId != null && answeredThreads.contains(threadRootId)
                || isDirect(roomId);
        if (!addressed) {
            return null;
        }
        String question = truncate(mentions.withoutAddress(text), eventId);
        if (question.isBlank()) {
            logger.debug("Gitter message {} only calls the bot; nothing to answer", eventId);
            return null;
        }
        return new GitterQuestion(roomId, eventId, sender, displayName(sender), question, threadRootId != null ? threadRootId : eventId);
    }

    /** A direct room is one with two joined members: the asker and the bot. */
    private boolean isDirect(String roomId) {
        Integer count = joinedMemberCounts.get(roomId);
        if (count != null) {
            return count == 2;
        }
        Long failedAt = failedLookupAt.get(roomId);
        long now = nanoClock.getAsLong();
        if (failedAt != null && now - failedAt < MEMBER_LOOKUP_RETRY_NANOS) {
            return false; // unknown for now: a group room, where the bot answers when called
        }
        OptionalInt looked = joinedMemberLookup.apply(roomId);
        if (looked.isEmpty()) {
            failedLookupAt.put(roomId, now);
            return false;
        }
        failedLookupAt.remove(roomId);
        joinedMemberCounts.put(roomId, looked.getAsInt());
        return looked.getAsInt() == 2;
    }

    private void learnMember(MatrixJson.Event event) {
        String userId = event.stateKey();
        String name = event.content() == null ? null : event.content().displayname();
        if (userId == null || name == null || name.isBlank()) {
            return;
        }
        displayNames.put(userId, name.strip());
        if (userId.equals(botUserId)) {
            mentions.displayNameChanged(name);
        }
    }

    private String displayName(String userId) {
        String name = displayNames.get(userId);
        if (name != null) {
            return name;
        }
        int colon = userId.indexOf(':');
        return userId.substring(userId.startsWith("@") ? 1 : 0, colon > 1 ? colon : userId.length());
    }

    /** Invitations to direct chats are accepted; the bot never joins other rooms on its own. */
    private List<String> directInvites(Map<String, MatrixJson.InvitedRoom> invites) {
        List<String> direct = new ArrayList<>();
        invites.forEach((roomId, invite) -> {
            if (invite != null && invite.inviteState().events().stream().anyMatch(event -> event != null
                    && "m.room.member".equals(event.type()) && botUserId.equals(event.stateKey())
                    && event.content() != null && Boolean.TRUE.equals(event.content().isDirect()))) {
                direct.add(roomId);
            }
        });
        return direct;
    }

    /** Replies from older clients quote the replied-to message ("> <@x> …" lines, then a blank line) in the body. */
    private static String withoutReplyFallback(String body, MatrixJson.Relation relation) {
        if (relation == null || relation.inReplyTo() == null || !body.startsWith(">")) {
            return body;
        }
        int end = body.indexOf("\n\n");
        return end < 0 ? body : body.substring(end + 2);
    }

    private static String truncate(String question, String eventId) {
        if (question.length() <= MAX_QUESTION_LENGTH) {
            return question;
        }
        logger.info("Gitter message {} is {} characters long; only the first {} are read", eventId, question.length(), MAX_QUESTION_LENGTH);
        return Texts.clip(question, MAX_QUESTION_LENGTH);
    }
}
