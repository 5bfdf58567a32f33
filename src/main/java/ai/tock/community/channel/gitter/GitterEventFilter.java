package ai.tock.community.channel.gitter;

import ai.tock.community.shared.BoundedCaches;
import ai.tock.community.shared.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a /sync batch as a Matrix user would: learns names, direct chats, encrypted rooms and the bot's own
 * messages, and picks what the bot should answer: a mention (quoted reply fallbacks aside), a message in a direct
 * chat, a question or a reply to the bot in a thread it answered in, an edit that newly mentions it; never a message
 * redacted in the same batch. A malformed event costs one log line, never the batch.
 */
final class GitterEventFilter {

    static final int MAX_QUESTION_LENGTH = 1_000;
    private static final int REMEMBERED_EVENTS = 10_000;
    private static final int REMEMBERED_THREADS = 2_000;
    private static final int REMEMBERED_NAMES = 10_000;

    private static final Logger logger = LoggerFactory.getLogger(GitterEventFilter.class);

    /** What one batch asks of the connector. */
    record Batch(List<Question> questions, List<Invite> directInvites, Set<String> encryptedRooms,
                 List<Reaction> reactions) { }

    /** An invitation to a direct chat, from {@code inviter}; {@code encrypted} when its state says so. */
    record Invite(String roomId, String inviter, boolean encrypted) { }

    /** An annotation {@code key} by {@code sender} on the event {@code eventId}. */
    record Reaction(String roomId, String sender, String eventId, String key) { }

    /**
     * A message the bot should answer.
     *
     * @param senderName   how the asker is shown (display name, else the localpart of the user id)
     * @param text         the question as handed to Tock: mention prefix stripped, at most
     *                     {@link #MAX_QUESTION_LENGTH} characters
     * @param threadRootId the thread the answer goes to: the question's own thread, or the question itself
     */
    record Question(String roomId, String eventId, String sender, String senderName, String text, String threadRootId) { }

    private final String botUserId;
    private final GitterMentions mentions;
    /** Events already read (edits by the event they edit), so that none is answered twice. */
    private final Set<String> processedEvents = BoundedCaches.setOf(REMEMBERED_EVENTS);
    private final Set<String> answeredThreads = BoundedCaches.setOf(REMEMBERED_THREADS);
    private final Set<String> botEvents = BoundedCaches.setOf(REMEMBERED_EVENTS);
    /** The thread each recent message is in, for an edit that comes later. */
    private final Map<String, String> threadOf = BoundedCaches.<String, String>of(REMEMBERED_EVENTS).asMap();
    private final Map<String, String> displayNames = BoundedCaches.<String, String>of(REMEMBERED_NAMES).asMap();
    private final Set<String> acceptedDirectChats = BoundedCaches.setOf(REMEMBERED_THREADS);
    private final Set<String> encryptedRooms = BoundedCaches.setOf(REMEMBERED_THREADS);
    private volatile Map<String, List<String>> directChats = Map.of();

    GitterEventFilter(String botUserId, String botDisplayName, Collection<String> answeredThreads) {
        this.botUserId = botUserId;
        this.mentions = new GitterMentions(botUserId, botDisplayName);
        this.answeredThreads.addAll(answeredThreads);
    }

    /**
     * @param initialSync true for the first sync ever: the backlog is learnt from, never answered
     * @param gap         the events a limited timeline left out, oldest first: given a room and its {@code prev_batch}
     */
    Batch read(MatrixJson.Sync batch, boolean initialSync, BiFunction<String, String, List<MatrixJson.Event>> gap) {
        batch.accountData().events().stream().filter(data -> data != null && "m.direct".equals(data.type()))
                .forEach(data -> directChats = data.content().entrySet().stream().filter(chats -> chats.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        List<Question> questions = new ArrayList<>();
        List<Reaction> reactions = new ArrayList<>();
        Set<String> encrypted = new LinkedHashSet<>();
        batch.rooms().join().forEach((roomId, room) -> {
            if (room == null) {
                logger.warn("Gitter sync: room {} is not an object; skipped", roomId);
                return;
            }
            List<MatrixJson.Event> timeline = new ArrayList<>(room.timeline().events());
            if (room.timeline().isLimited() && room.timeline().prevBatch() != null && !initialSync) {
                timeline.addAll(0, gap.apply(roomId, room.timeline().prevBatch()));
            }
            Set<String> redacted = timeline.stream().filter(event -> event != null && "m.room.redaction".equals(event.type()))
                    .map(MatrixJson.Event::redacted).filter(Objects::nonNull).collect(Collectors.toSet());
            for (MatrixJson.Event event : Stream.concat(room.state().events().stream(), timeline.stream()).toList()) {
                try {
                    if (event == null) {
                        logger.warn("Gitter event in room {} skipped: not a JSON object", roomId);
                    } else if ("m.room.member".equals(event.type())) {
                        learnMember(event);
                    } else if ("m.room.encryption".equals(event.type())) {
                        encryptedRooms.add(roomId);
                        encrypted.add(roomId);
                    } else if ("m.reaction".equals(event.type()) && !initialSync) {
                        reaction(roomId, event).ifPresent(reactions::add);
                    } else if ("m.room.message".equals(event.type()) && !encryptedRooms.contains(roomId)) {
                        Optional.ofNullable(consider(roomId, event, initialSync, redacted)).ifPresent(questions::add);
                    }
                } catch (RuntimeException e) {
                    logger.warn("Gitter event {} in room {} skipped: {}", event.eventId(), roomId, e.toString());
                }
            }
        });
        return new Batch(questions, directInvites(batch.rooms().invite()), encrypted, reactions);
    }

    void rememberAnsweredThread(String threadRootId) {
        answeredThreads.add(threadRootId);
    }

    /** A direct chat the bot accepted; it counts as one before m.direct says so. */
    void rememberDirectChat(String roomId) {
        acceptedDirectChats.add(roomId);
    }

    /** The m.direct account data as last read: each user's direct chats. */
    Map<String, List<String>> directChats() {
        return directChats;
    }

    List<String> answeredThreads() {
        return List.copyOf(answeredThreads);
    }

    /** Returns the question to answer, or null. */
    private Question consider(String roomId, MatrixJson.Event event, boolean initialSync, Set<String> redacted) {
        String sender = event.sender();
        MatrixJson.Content content = event.content();
        if (event.eventId() == null || sender == null || content == null) {
            logger.warn("Gitter message in room {} skipped: no {}", roomId,
                    event.eventId() == null ? "event_id" : sender == null ? "sender" : "content");
            return null;
        }
        boolean edit = "m.replace".equals(content.relationType());
        // An edit is read as the message it edits: answered at most once, whatever the number of edits.
        String eventId = edit ? content.relatesTo().eventId() : event.eventId();
        MatrixJson.Content message = edit ? content.newContent() : content;
        String threadRootId = "m.thread".equals(content.relationType()) ? content.relatesTo().eventId() : threadOf.get(eventId);
        if (eventId == null || message == null || !processedEvents.add(eventId)) {
            return null;
        }
        threadOf.put(eventId, threadRootId != null ? threadRootId : eventId);
        if (sender.equals(botUserId)) {
            botEvents.add(eventId);
            if (threadRootId != null) {
                answeredThreads.add(threadRootId);
            }
            return null;
        }
        if (initialSync || event.isRedacted() || redacted.contains(eventId) || redacted.contains(event.eventId())
                || !"m.text".equals(message.msgtype())) {
            return null;
        }
        if (message.body() == null) {
            logger.warn("Gitter message {} in room {} skipped: no text body", eventId, roomId);
            return null;
        }
        String text = GitterMentions.withoutReplyFallback(message.body(), content.relatesTo());
        String repliesTo = content.relatesTo() == null ? null : content.relatesTo().repliesTo();
        boolean addressed = mentions.isMentioned(message.mentions(), message.html(), text)
                || isDirect(roomId)
                || repliesTo != null && botEvents.contains(repliesTo)
                || threadRootId != null && answeredThreads.contains(threadRootId) && GitterMentions.looksLikeAQuestion(text)
                && (message.mentions() == null || message.mentions().userIds().isEmpty());
        if (!addressed) {
            processedEvents.remove(eventId); // a later edit may still call the bot
            return null;
        }
        String question = mentions.withoutAddress(text);
        if (question.isBlank()) {
            logger.debug("Gitter message {} only calls the bot; nothing to answer", eventId);
            return null;
        }
        if (question.length() > MAX_QUESTION_LENGTH) {
            logger.info("Gitter message {} is {} characters long; only the first {} are read", eventId, question.length(),
                    MAX_QUESTION_LENGTH);
            question = Texts.clip(question, MAX_QUESTION_LENGTH);
        }
        String senderName = displayNames.getOrDefault(sender, GitterMentions.localpart(sender));
        return new Question(roomId, eventId, sender, senderName, question, threadRootId != null ? threadRootId : eventId);
    }

    /** A direct chat is one the bot was invited to as such, or one its m.direct account data lists; never a member count. */
    private boolean isDirect(String roomId) {
        return acceptedDirectChats.contains(roomId) || directChats.values().stream().anyMatch(rooms -> rooms.contains(roomId));
    }

    private Optional<Reaction> reaction(String roomId, MatrixJson.Event event) {
        MatrixJson.Relation relation = event.content() == null ? null : event.content().relatesTo();
        if (relation == null || !"m.annotation".equals(relation.relType()) || relation.eventId() == null || relation.key() == null
                || event.sender() == null || event.sender().equals(botUserId) || event.isRedacted()) {
            return Optional.empty();
        }
        return Optional.of(new Reaction(roomId, event.sender(), relation.eventId(), relation.key()));
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

    /** Invitations to direct chats are accepted; the bot never joins other rooms on its own. */
    private List<Invite> directInvites(Map<String, MatrixJson.InvitedRoom> invites) {
        List<Invite> direct = new ArrayList<>();
        invites.forEach((roomId, invite) -> {
            if (invite != null) {
                List<MatrixJson.Event> state = invite.inviteState().events().stream().filter(Objects::nonNull).toList();
                boolean encrypted = state.stream().anyMatch(event -> "m.room.encryption".equals(event.type()));
                state.stream().filter(event -> "m.room.member".equals(event.type()) && botUserId.equals(event.stateKey())
                                && event.sender() != null && event.content() != null
                                && Boolean.TRUE.equals(event.content().isDirect()))
                        .findFirst().ifPresent(event -> direct.add(new Invite(roomId, event.sender(), encrypted)));
            }
        });
        return direct;
    }
}
