package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterMentionsTest {

    private final GitterMentions mentions = new GitterMentions("@tockbot:gitter.im", "Tock Bot");
    private final MatrixJson.Mentions none = null;

    private static MatrixJson.Mentions mentions(String json) throws Exception {
        return MatrixJson.MAPPER.readValue(json, MatrixJson.Mentions.class);
    }

    @Test
    void recognisesEveryWayOfAddressingTheBot() throws Exception {
        assertTrue(mentions.isMentioned(mentions("{\"user_ids\": [\"@x:y\", \"@tockbot:gitter.im\"]}"), null, "hi"));
        assertTrue(mentions.isMentioned(none, "<a href=\"https://matrix.to/#/@tockbot:gitter.im\">TB</a> hi", "TB hi"));
        assertTrue(mentions.isMentioned(none, "<a href=\"https://matrix.to/#/%40tockbot%3Agitter.im\">TB</a> hi", "TB hi"));
        for (String body : new String[]{"Tock Bot: hi", "tock bot, hi", "@Tock Bot: hi", "tockbot: hi", "@tockbot, hi",
                "@tockbot hi", "  @tockbot:gitter.im: hi", "@tockbot:gitter.im hi"}) {
            assertTrue(mentions.isMentioned(none, null, body), body);
            assertEquals("hi", mentions.withoutAddress(body), body);
        }
    }

    @Test
    void doesNotMistakeOtherMessagesForMentions() throws Exception {
        for (String body : new String[]{"hi all", "tockbot hi", "tockbotx: hi", "I like Tock Bot: yes", "Tock Botanic: hi", "@tockbotx hi"}) {
            assertFalse(mentions.isMentioned(none, null, body), body);
            assertEquals(body.strip(), mentions.withoutAddress(body));
        }
        assertFalse(mentions.isMentioned(mentions("{\"user_ids\": [\"@someone:gitter.im\"]}"),
                "<a href=\"https://matrix.to/#/@someone:gitter.im\">x</a>", "x: hi"));
        assertFalse(mentions.isMentioned(mentions("{\"user_ids\": \"@tockbot:gitter.im\"}"), null, "hi"));
    }

    @Test
    void followsDisplayNameChanges() {
        mentions.displayNameChanged("Tocky");
        assertTrue(mentions.isMentioned(none, null, "Tocky: hi"));
        assertTrue(mentions.isMentioned(none, null, "tockbot: hi"));
        assertFalse(mentions.isMentioned(none, null, "Tock Bot: hi"));
    }
}
