package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the event filter picks from a batch. A direct chat comes from m.direct or an invitation's is_direct, never
 * from a member count (issue 14): the tests of the member-count lookup went with it.
 */
class GitterEventFilterTest {

    private final GitterEventFilter filter = new GitterEventFilter("@tockbot:gitter.im", "Tock Bot", List.of("$saved-thread"));

    private static MatrixJson.Sync batch(String syncJson) throws Exception {
        return MatrixJson.MAPPER.readValue(syncJson, MatrixJson.Sync.class);
    }

    private static MatrixJson.Sync rooms(String roomId, String roomJson) throws Exception {
        return batch("{\"next_batch\": \"s1\", \"rooms\": {\"join\": {\"" + roomId + "\": " + roomJson + "}}}");
    }

    private GitterEventFilter.Batch read(MatrixJson.Sync batch, boolean initialSync) {
        return filter.read(batch, initialSync, (room, prevBatch) -> List.of());
    }

    private static String timeline(String... events) {
        return "{\"timeline\": {\"events\": [" + String.join(",", events) + "]}}";
    }

    private static String message(String id, String sender, String body) {
        return "{\"type\": \"m.room.message\", \"event_id\": \"" + id + "\", \"sender\": \"" + sender
                + "\", \"content\": {\"msgtype\": \"m.text\", \"body\": \"" + body + "\"}}";
    }

    private static String inThread(String id, String root, String body) {
        return "{\"type\": \"m.room.message\", \"event_id\": \"" + id + "\", \"sender\": \"@a:x\", \"content\": {\"msgtype\": \"m.text\", "
                + "\"body\": \"" + body + "\", \"m.relates_to\": {\"rel_type\": \"m.thread\", \"event_id\": \"" + root + "\"}}}";
    }

    @Test
    void learnsFromTheInitialSyncButAnswersNothingInIt() throws Exception {
        GitterEventFilter.Batch batch = read(rooms("!r:x", timeline(message("$1", "@a:x", "Tock Bot: old question"),
                "{\"type\": \"m.room.message\", \"event_id\": \"$2\", \"sender\": \"@tockbot:gitter.im\", \"content\": {\"msgtype\": \"m.notice\", \"body\": \"a\", \"m.relates_to\": {\"rel_type\": \"m.thread\", \"event_id\": \"$old-thread\"}}}")), true);
        assertEquals(List.of(), batch.questions());
        assertTrue(filter.answeredThreads().containsAll(List.of("$saved-thread", "$old-thread")));
        // The same event again, after the initial sync: already processed.
        assertEquals(List.of(), read(rooms("!r:x", timeline(message("$1", "@a:x", "Tock Bot: old question"))), false).questions());
    }

    @Test
    void answersQuestionsInSavedThreadsAndEveryMessageInDirectChats() throws Exception {
        List<GitterEventFilter.Question> questions = read(rooms("!r:x", timeline(inThread("$t", "$saved-thread", "more?"))), false).questions();
        assertEquals(List.of(new GitterEventFilter.Question("!r:x", "$t", "@a:x", "a", "more?", "$saved-thread")), questions);
        assertEquals(List.of(), read(rooms("!r:x", timeline(inThread("$t2", "$saved-thread", "thanks a lot"))), false).questions(),
                "thanks in a thread is not for the bot");

        assertEquals(List.of(), read(rooms("!dm:x", timeline(message("$d0", "@a:x", "hello"))), false).questions(), "not known as direct yet");
        MatrixJson.Sync direct = batch("{\"next_batch\": \"s2\", \"account_data\": {\"events\": [{\"type\": \"m.direct\", "
                + "\"content\": {\"@a:x\": [\"!dm:x\"]}}]}, \"rooms\": {\"join\": {\"!dm:x\": " + timeline(message("$d", "@a:x", "hello")) + "}}}");
        assertEquals("hello", read(direct, false).questions().get(0).text());
    }

    @Test
    void aDirectChatInvitationIsOneWithIsDirect() throws Exception {
        MatrixJson.Sync invites = batch("{\"next_batch\": \"s1\", \"rooms\": {\"invite\": {"
                + "\"!dm:x\": {\"invite_state\": {\"events\": [{\"type\": \"m.room.member\", \"state_key\": \"@tockbot:gitter.im\", \"sender\": \"@a:x\", \"content\": {\"membership\": \"invite\", \"is_direct\": true}}]}},"
                + "\"!group:x\": {\"invite_state\": {\"events\": [{\"type\": \"m.room.member\", \"state_key\": \"@tockbot:gitter.im\", \"sender\": \"@a:x\", \"content\": {\"membership\": \"invite\"}}]}}}}}");
        assertEquals(List.of(new GitterEventFilter.Invite("!dm:x", "@a:x", false)), read(invites, false).directInvites());
    }

    @Test
    void stripsTheReplyFallbackAndTheAddress() throws Exception {
        String reply = "{\"type\": \"m.room.message\", \"event_id\": \"$r\", \"sender\": \"@a:x\", \"content\": {\"msgtype\": \"m.text\", "
                + "\"body\": \"> <@tockbot:gitter.im> earlier answer\\n\\nTock Bot: and then?\", \"m.relates_to\": {\"m.in_reply_to\": {\"event_id\": \"$e\"}}}}";
        assertEquals("and then?", read(rooms("!r:x", timeline(reply)), false).questions().get(0).text());
    }

    @Test
    void seesEncryptedRoomsAndReactions() throws Exception {
        String room = "{\"state\": {\"events\": [{\"type\": \"m.room.encryption\", \"state_key\": \"\", \"content\": {\"algorithm\": \"m.megolm.v1.aes-sha2\"}}]}}";
        assertEquals(Set.of("!e:x"), read(rooms("!e:x", room), false).encryptedRooms());
        String reaction = "{\"type\": \"m.reaction\", \"event_id\": \"$re\", \"sender\": \"@a:x\", \"content\": {\"m.relates_to\": "
                + "{\"rel_type\": \"m.annotation\", \"event_id\": \"$answer\", \"key\": \"👍\"}}}";
        assertEquals(List.of(new GitterEventFilter.Reaction("!r:x", "@a:x", "$answer", "👍")), read(rooms("!r:x", timeline(reaction)), false).reactions());
    }

    @Test
    void survivesMalformedSections() throws Exception {
        assertEquals(List.of(), read(batch("{\"next_batch\": \"s\", \"rooms\": {\"join\": []}}"), false).questions());
        assertEquals(List.of(), read(batch("{\"next_batch\": \"s\", \"rooms\": {\"join\": {\"!r:x\": 5}}}"), false).questions());
        assertEquals(List.of(), read(rooms("!r:x", "{\"timeline\": {\"events\": {}}}"), false).questions());
        assertEquals(List.of(), read(batch("{\"next_batch\": \"s\", \"rooms\": {\"invite\": {\"!i:x\": 3}}}"), false).directInvites());
        assertEquals(List.of(), read(batch("{\"next_batch\": \"s\", \"account_data\": 7}"), false).questions());
        assertEquals(List.of(), read(batch("{\"next_batch\": \"s\", \"account_data\": {\"events\": [{\"type\": \"m.direct\", "
                + "\"content\": {\"@a:x\": null, \"@b:x\": 3, \"@c:x\": [\"!c:x\", 4]}}]}}"), false).questions());
    }

    @Test
    void aFlagWrittenAsAnObjectOrAListCostsNothingButThatFlag() throws Exception {
        // Any sender chooses its event's content: a flag of the wrong shape must not make the whole /sync unreadable.
        String oddReply = "{\"type\": \"m.room.message\", \"event_id\": \"$odd\", \"sender\": \"@a:x\", \"content\": {\"msgtype\": \"m.text\", "
                + "\"body\": \"Tock Bot: still read?\", \"m.relates_to\": {\"rel_type\": \"m.thread\", \"event_id\": \"$t\", \"is_falling_back\": {}}}}";
        String oddInvite = "{\"next_batch\": \"s1\", \"rooms\": {\"join\": {\"!r:x\": " + timeline(oddReply) + "}, \"invite\": {"
                + "\"!dm:x\": {\"invite_state\": {\"events\": [{\"type\": \"m.room.member\", \"state_key\": \"@tockbot:gitter.im\", "
                + "\"sender\": \"@a:x\", \"content\": {\"membership\": \"invite\", \"is_direct\": [true]}}]}}}}}";
        GitterEventFilter.Batch read = read(batch(oddInvite), false);
        assertEquals(List.of("still read?"), read.questions().stream().map(GitterEventFilter.Question::text).toList());
        assertEquals(List.of(), read.directInvites(), "is_direct must be true, not [true]");
    }
}
