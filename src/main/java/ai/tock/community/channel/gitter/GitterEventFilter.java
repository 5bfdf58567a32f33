package ai.tock.community.channel.gitter;

import ai.tock.community.shared.BoundedMaps;
import ai.tock.community.shared.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
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
    private final Set<String> processedEvents = Collections.newSetFromMap(BoundedMaps.synchronizedLeastRecentlySeenFirst(REMEMBERED_EVENTS));
    private final Map<String, Boolean> answeredThreadIndex = BoundedMaps.synchronizedLeastRecentlySeenFirst(REMEMBERED_THREADS);
    private final Set<String> answeredThreads = Collections.newSetFromMap(answeredThreadIndex);
    private final Map<String, String> displayNames = BoundedMaps.synchronizedLeastRecentlySeenFirst(REMEMBERED_NAMES);
    private final Map<String, Integer> joinedMemberCounts = BoundedMaps.synchronizedLeastRecentlySeenFirst(REMEMBERED_ROOMS);
    private final Map<String, Long> failedLookupAt = BoundedMaps.synchronizedLeastRecentlySeenFirst(REMEMBERED_ROOMS);
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
    Batch read(JsonNode rooms, boolean initialSync) {
        List<GitterQuestion> questions = new ArrayList<>();
        JsonNode joined = rooms.path("join");
        if (!joined.isMissingNode() && !joined.isObject()) {
            logger.warn("Gitter sync: rooms.join is not an object; batch ignored");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = joined.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> room = it.next();
            if (!room.getValue().isObject()) {
                logger.warn("Gitter sync: room {} is not an object; skipped", room.getKey());
                continue;
            }
            readRoom(room.getKey(), room.getValue(), initialSync, questions);
        }
        return new Batch(questions, directInvites(rooms.path("invite")));
    }

    void rememberAnsweredThread(String threadRootId) {
        answeredThreads.add(threadRootId);
    }

    List<String> answeredThreads() {
        synchronized (answeredThreadIndex) {
            return List.copyOf(answeredThreads);
        }
    }

    private void readRoom(String roomId, JsonNode room, boolean initialSync, List<GitterQuestion> questions) {
        JsonNode count = room.path("summary").path("m.joined_member_count");
        if (count.isInt()) {
            joinedMemberCounts.put(roomId, count.asInt());
        }
        for (JsonNode event : room.path("state").path("events")) {
            if ("m.room.member".equals(event.path("type").textValue())) {
                learnMember(event);
            }
        }
        JsonNode timeline = room.path("timeline");
        if (timeline.path("limited").asBoolean(false) && !initialSync) {
            logger.info("Gitter room {} had more new events than one sync returns; the oldest were not read", roomId);
        }
        JsonNode events = timeline.path("events");
        if (!events.isMissingNode() && !events.isArray()) {
            logger.warn("Gitter sync: the timeline of room {} is not a list; skipped", roomId);
            return;
        }
        for (JsonNode event : events) {
            try {
                GitterQuestion question = consider(roomId, event, initialSync);
                if (question != null) {
                    questions.add(question);
                }
            } catch (RuntimeException e) {
                logger.warn("Gitter event {} in room {} skipped: {}", event.path("event_id").asText("?"), roomId, e.toString());
            }
        }
    }

    /** Returns the question to answer, or null. */
    private GitterQuestion consider(String roomId, JsonNode event, boolean initialSync) {
        if (!event.isObject()) {
            logger.warn("Gitter event in room {} skipped: not a JSON object", roomId);
            return null;
        }
        String type = event.path("type").textValue();
        if ("m.room.member".equals(type)) {
            learnMember(event);
            return null;
        }
        if (!"m.room.message".equals(type)) {
            return null;
        }
        String eventId = event.path("event_id").textValue();
        String sender = event.path("sender").textValue();
        JsonNode content = event.path("content");
        if (eventId == null || sender == null || !content.isObject()) {
            logger.warn("Gitter message in room {} skipped: no {}", roomId,
                    eventId == null ? "event_id" : sender == null ? "sender" : "content");
            return null;
        }
        if (!processedEvents.add(eventId)) {
            return null;
        }
        JsonNode relation = content.path("m.relates_to");
        String relationType = relation.path("rel_type").textValue();
        String threadRootId = "m.thread".equals(relationType) ? relation.path("event_id").textValue() : null;
        if (sender.equals(botUserId)) {
            if (threadRootId != null) {
                answeredThreads.add(threadRootId);
            }
            return null;
        }
        if (initialSync || "m.replace".equals(relationType) || event.path("unsigned").has("redacted_because")
                || !"m.text".equals(content.path("msgtype").textValue())) {
            return null;
        }
        String body = content.path("body").textValue();
        if (body == null) {
            logger.warn("Gitter message {} in room {} skipped: no text body", eventId, roomId);
            return null;
        }
        String html = "org.matrix.custom.html".equals(content.path("format").textValue())
                ? content.path("formatted_body").textValue() : null;
        String text = withoutReplyFallback(body, relation);
        boolean addressed = mentions.isMentioned(content.path("m.mentions"), html, text)
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

    private void learnMember(JsonNode event) {
        String userId = event.path("state_key").textValue();
        String name = event.path("content").path("displayname").textValue();
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
    private List<String> directInvites(JsonNode invites) {
        List<String> direct = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = invites.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> invite = it.next();
            for (JsonNode event : invite.getValue().path("invite_state").path("events")) {
                if ("m.room.member".equals(event.path("type").textValue()) && botUserId.equals(event.path("state_key").textValue())
                        && event.path("content").path("is_direct").asBoolean(false)) {
                    direct.add(invite.getKey());
                    break;
                }
            }
        }
        return direct;
    }

    /** Replies from older clients quote the replied-to message ("> <@x> …" lines, then a blank line) in the body. */
    private static String withoutReplyFallback(String body, JsonNode relation) {
        if (!relation.has("m.in_reply_to") || !body.startsWith(">")) {
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
