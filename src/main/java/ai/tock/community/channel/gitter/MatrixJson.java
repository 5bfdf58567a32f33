package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the Matrix client-server API that the channel reads, as records, and the mapper that binds
 * them. Unknown fields are ignored and a field of the wrong shape reads as absent (a number where text is
 * expected, text where an object is), so one odd event costs that event, never the batch.
 */
final class MatrixJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.AsNull)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.AsNull)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.AsNull))
            // Lists and maps are never null: absent, null or of the wrong shape, they read as empty.
            .withConfigOverride(List.class, list -> list.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withConfigOverride(Map.class, map -> map.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .addHandler(new WrongShapeIsAbsent())
            .addModule(new SimpleModule().addDeserializer(Boolean.class, new Flag()))
            .build();

    private MatrixJson() {
    }

    /** {@code GET /sync}: where to resume from, and what happened in the rooms. */
    record Sync(@JsonProperty("next_batch") String nextBatch, Rooms rooms,
                @JsonProperty("account_data") Events<DirectChats> accountData) {
        Sync {
            rooms = rooms != null ? rooms : new Rooms(Map.of(), Map.of());
            accountData = accountData != null ? accountData : new Events<>(List.of());
        }
    }

    record Rooms(Map<String, JoinedRoom> join, Map<String, InvitedRoom> invite) { }
    /** A list of events; an element that is not an object is null. */
    record Events<E>(List<E> events) { }
    /** The account data the channel reads: {@code m.direct}, each user's direct chats with the bot. */
    record DirectChats(String type, Map<String, List<String>> content) { }

    record JoinedRoom(Events<Event> state, Timeline timeline) {
        JoinedRoom {
            state = state != null ? state : new Events<>(List.of());
            timeline = timeline != null ? timeline : new Timeline(List.of(), null, null);
        }
    }

    record InvitedRoom(@JsonProperty("invite_state") Events<Event> inviteState) {
        InvitedRoom {
            inviteState = inviteState != null ? inviteState : new Events<>(List.of());
        }
    }

    record Timeline(List<Event> events, Boolean limited, @JsonProperty("prev_batch") String prevBatch) {
        boolean isLimited() {
            return Boolean.TRUE.equals(limited);
        }
    }

    record Event(String type, @JsonProperty("event_id") String eventId, String sender, @JsonProperty("state_key") String stateKey,
                 String redacts, Content content, Unsigned unsigned) {
        boolean isRedacted() {
            return unsigned != null && unsigned.redactedBecause() != null;
        }

        /** The event a redaction removes: at the top level up to room version 10, in the content since 11. */
        String redacted() {
            return redacts != null ? redacts : content != null ? content.redacts() : null;
        }
    }

    /** The content fields of the event types the channel reads (messages, edits, reactions, redactions, members). */
    record Content(String msgtype, String body, String format, @JsonProperty("formatted_body") String formattedBody,
                   @JsonProperty("m.relates_to") Relation relatesTo, @JsonProperty("m.mentions") Mentions mentions,
                   @JsonProperty("m.new_content") Content newContent, String redacts, String displayname,
                   @JsonProperty("is_direct") Boolean isDirect) {
        /** The HTML body, when there is one. */
        String html() {
            return "org.matrix.custom.html".equals(format) ? formattedBody : null;
        }

        String relationType() {
            return relatesTo == null ? null : relatesTo.relType();
        }
    }

    /** A thread, an edit (m.replace), a reaction (m.annotation, with its key) or a reply (m.in_reply_to). */
    record Relation(@JsonProperty("rel_type") String relType, @JsonProperty("event_id") String eventId, String key,
                    @JsonProperty("is_falling_back") Boolean isFallingBack, @JsonProperty("m.in_reply_to") InReplyTo inReplyTo) {
        /** The event this one really replies to, not the thread's fallback to its latest event. */
        String repliesTo() {
            return inReplyTo == null || Boolean.TRUE.equals(isFallingBack) ? null : inReplyTo.eventId();
        }
    }
    record InReplyTo(@JsonProperty("event_id") String eventId) { }
    record Mentions(@JsonProperty("user_ids") List<String> userIds) { }
    record Unsigned(@JsonProperty("redacted_because") Object redactedBecause) { }

    // The answers of the other calls; an answer of a single text field is read from the tree by MatrixClient.
    /** {@code GET /rooms/{id}/messages}: a page of events, newest first going backwards; no {@code end} past the last. */
    record Messages(List<Event> chunk, String end) { }
    record JoinedRooms(@JsonProperty("joined_rooms") List<String> joinedRooms) { }
    /** Absent defaults read as 0, as the specification says. */
    record PowerLevels(Map<String, Integer> users, @JsonProperty("users_default") int usersDefault, Map<String, Integer> events,
                       @JsonProperty("events_default") int eventsDefault) { }
    /** retry_after_ms is deprecated for the Retry-After header, but still sent. */
    record Error(String errcode, String error, @JsonProperty("retry_after_ms") Long retryAfterMs) { }

    /**
     * A flag is true or false; anything else reads as absent. Jackson's own fails on an object, and any sender chooses
     * its event's content: one {@code "is_falling_back": {}} would make every /sync unreadable.
     */
    private static final class Flag extends StdScalarDeserializer<Boolean> {

        Flag() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            parser.skipChildren();
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }
    }

    /** Reads a value of the wrong shape as absent (an empty list or map) instead of failing the whole answer. */
    private static final class WrongShapeIsAbsent extends DeserializationProblemHandler {

        @Override
        public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
                                            JsonParser parser, String failureMessage) throws IOException {
            parser.skipChildren();
            if (targetType.isCollectionLikeType()) {
                return new ArrayList<>();
            }
            return targetType.isMapLikeType() ? new LinkedHashMap<>() : null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext context, Class<?> instanceClass,
                                                ValueInstantiator instantiator, JsonParser parser, String message)
                throws IOException {
            parser.skipChildren();
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
                                             String failureMessage) {
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
                                             String failureMessage) {
            return null;
        }
    }
}
