package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterEventFilterTest {

    private final List<String> lookups = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    // "!late:x" answers its member count only once it is in this set.
    private final Set<String> reachable = new HashSet<>(Set.of("!dm:x"));
    private final GitterEventFilter filter = new GitterEventFilter("@tockbot:gitter.im", "Tock Bot", room -> {
        lookups.add(room);
        return reachable.contains(room) ? OptionalInt.of(2) : OptionalInt.empty();
    }, List.of("$saved-thread"), nanos::get);

    private MatrixJson.Rooms rooms(String roomId, String roomJson) throws Exception {
        return rooms("{\"join\": {\"" + roomId + "\": " + roomJson + "}}");
    }

    private static MatrixJson.Rooms rooms(String roomsJson) throws Exception {
        return MatrixJson.MAPPER.readValue(roomsJson, MatrixJson.Rooms.class);
    }

    private static String timeline(String... events) {
        return "{\"timeline\": {\"events\": [" + String.join(",", events) + "]}}";
    }

    private static String message(String id, String sender, String body) {
        return "{\"type\": \"m.room.message\", \"event_id\": \"" + id + "\", \"sender\": \"" + sender
                + "\", \"content\": {\"msgtype\": \"m.text\", \"body\": \"" + body + "\"}}";
    }

    @Test
    void learnsFromTheInitialSyncButAnswersNothingInIt() throws Exception {
        GitterEventFilter.Batch batch = filter.read(rooms("!r:x", timeline(message("$1", "@a:x", "Tock Bot: old question"),
                "{\"type\": \"m.room.message\", \"event_id\": \"$2\", \"sender\": \"@tockbot:gitter.im\", \"content\": {\"msgtype\": \"m.notice\", \"body\": \"a\", \"m.relates_to\": {\"rel_type\": \"m.thread\", \"event_id\": \"$old-thread\"}}}")), true);
        assertEquals(List.of(), batch.questions());
        assertTrue(filter.answeredThreads().containsAll(List.of("$saved-thread", "$old-thread")));
        // The same event again, after the initial sync: already processed.
        assertEquals(List.of(), filter.read(rooms("!r:x", timeline(message("$1", "@a:x", "Tock Bot: old question"))), false).questions());
    }

    @Test
    void answersFollowUpsInSavedThreadsAndDirectRooms() throws Exception {
        String inThread = "{\"type\": \"m.room.message\", \"event_id\": \"$t\", \"sender\": \"@a:x\", \"content\": {\"msgtype\": \"m.text\", \"body\": \"more?\", \"m.relates_to\": {\"rel_type\": \"m.thread\", \"event_id\": \"$saved-thread\"}}}";
        List<GitterQuestion> questions = filter.read(rooms("!r:x", timeline(inThread)), false).questions();
        assertEquals(List.of(new GitterQuestion("!r:x", "$t", "@a:x", "a", "more?", "$saved-thread")), questions);

        assertEquals("hello", filter.read(rooms("!dm:x", timeline(message("$d", "@a:x", "hello"))), false).questions().get(0).text());
        filter.read(rooms("!dm:x", timeline(message("$d2", "@a:x", "again"))), false);
        assertEquals(List.of("!dm:x"), lookups, "the member count is looked up once per room, and only when needed");
    }

    @Test
    void aFailedMemberLookupIsNotRepeatedForEveryMessage() throws Exception {
        assertEquals(List.of(), filter.read(rooms("!unknown:x", timeline(message("$u1", "@a:x", "hello all"))), false).questions());
        assertEquals(List.of(), filter.read(rooms("!unknown:x", timeline(message("$u2", "@a:x", "anyone?"))), false).questions());
        assertEquals(List.of("!unknown:x"), lookups, "the lookup failed once; the room counts as a group room since");
        // A sync summary still tells the truth later.
        String summary = "{\"summary\": {\"m.joined_member_count\": 2}, \"timeline\": {\"events\": [" + message("$u3", "@a:x", "hi bot") + "]}}";
        assertEquals("hi bot", filter.read(rooms("!unknown:x", summary), false).questions().get(0).text());
        assertEquals(1, lookups.size());
    }

    @Test
    void aFailedMemberLookupIsAskedAgainAfterAMinute() throws Exception {
        assertEquals(List.of(), filter.read(rooms("!late:x", timeline(message("$l1", "@a:x", "hello"))), false).questions());
        reachable.add("!late:x");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertEquals(List.of(), filter.read(rooms("!late:x", timeline(message("$l2", "@a:x", "hello?"))), false).questions());
        assertEquals(List.of("!late:x"), lookups, "not asked again within the minute");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertEquals("where is the gitter", filter.read(rooms("!late:x", timeline(message("$l3", "@a:x", "where is the gitter"))), false)
                .questions().get(0).text(), "a direct room once the count is known");
        assertEquals(List.of("!late:x", "!late:x"), lookups);
        filter.read(rooms("!late:x", timeline(message("$l4", "@a:x", "and the licence"))), false);
        assertEquals(2, lookups.size(), "a known count is not asked again");
    }

    @Test
    void usesTheSyncSummaryAndMemberStateWhenGiven() throws Exception {
        String room = "{\"summary\": {\"m.joined_member_count\": 2}, \"state\": {\"events\": [{\"type\": \"m.room.member\", \"state_key\": \"@a:x\", \"content\": {\"displayname\": \"Ada\"}}]},"
                + "\"timeline\": {\"events\": [" + message("$s", "@a:x", "hi there") + "]}}";
        List<GitterQuestion> questions = filter.read(rooms("!two:x", room), false).questions();
        assertEquals("Ada", questions.get(0).senderName());
        assertEquals(List.of(), lookups);
    }

    @Test
    void stripsTheReplyFallbackAndTheAddress() throws Exception {
        String reply = "{\"type\": \"m.room.message\", \"event_id\": \"$r\", \"sender\": \"@a:x\", \"content\": {\"msgtype\": \"m.text\", "
                + "\"body\": \"> <@tockbot:gitter.im> earlier answer\\n\\nTock Bot: and then?\", \"m.relates_to\": {\"m.in_reply_to\": {\"event_id\": \"$e\"}}}}";
        assertEquals("and then?", filter.read(rooms("!r:x", timeline(reply)), false).questions().get(0).text());
    }

    @Test
    void survivesMalformedSections() throws Exception {
        assertEquals(List.of(), filter.read(rooms("{\"join\": []}"), false).questions());
        assertEquals(List.of(), filter.read(rooms("{\"join\": {\"!r:x\": 5}}"), false).questions());
        assertEquals(List.of(), filter.read(rooms("{\"join\": {\"!r:x\": {\"timeline\": {\"events\": {}}}}}"), false).questions());
        assertEquals(List.of(), filter.read(rooms("{\"invite\": {\"!i:x\": 3}}"), false).directInvites());
        assertEquals(List.of(), filter.read(rooms("{}"), false).questions());
    }
}
