package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GitterReplyFormatterTest {

    private final GitterReplyFormatter formatter = new GitterReplyFormatter();
    private final GitterEventFilter.Question question = new GitterEventFilter.Question("!room:gitter.im", "$q", "@eve:gitter.im",
            "Eve <script>&", "what?", "$root");

    @Test
    void writesLinksAsLabelAndUrlInThePlainBody() {
        assertEquals("See the docs (https://doc.tock.ai/a?b=1&c=2).\nBye & thanks <3",
                GitterReplyFormatter.toPlainText("See <a href=\"https://doc.tock.ai/a?b=1&amp;c=2\">the <b>docs</b></a>.<br/>Bye &amp; thanks &lt;3"));
        assertEquals("https://tock.ai", GitterReplyFormatter.toPlainText("<a href=\"https://tock.ai\">https://tock.ai</a>"));
        assertEquals("l'été \"quoted\" é", GitterReplyFormatter.toPlainText("l&#39;été &quot;quoted&quot; &#xe9;"));
        assertEquals("&unknown; &#xZZ;", GitterReplyFormatter.toPlainText("&unknown; &#xZZ;"));
        // The source line the core appends to topic answers: a link to a section of the page.
        assertEquals("Réponse.\nSource : Communauté (https://doc.tock.ai/tock/fr/#communaute)", GitterReplyFormatter.toPlainText(
                "Réponse.<br>Source : <a href=\"https://doc.tock.ai/tock/fr/#communaute\" target=\"_blank\">Communauté</a>"));
        assertEquals("a < b", GitterReplyFormatter.toPlainText("a < b"), "text that is not a tag stays");
    }

    @Test
    void buildsAThreadedNoticeThatMentionsTheAskerWithEscapedName() {
        ObjectNode content = formatter.answer(question, List.of("Hello", "<a href=\"https://x.y\">link</a>"), List.of(), Locale.ENGLISH);
        assertEquals("Eve <script>&: Hello\nlink (https://x.y)", content.get("body").asText());
        assertEquals("<a href=\"https://matrix.to/#/@eve:gitter.im\">Eve &lt;script&gt;&amp;</a>: Hello<br><a href=\"https://x.y\">link</a>",
                content.get("formatted_body").asText());
        assertEquals("m.notice", content.get("msgtype").asText());
        assertEquals("org.matrix.custom.html", content.get("format").asText());
        assertEquals("$root", content.get("m.relates_to").get("event_id").asText());
        assertEquals("$q", content.get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
        assertEquals(false, content.get("m.relates_to").get("is_falling_back").asBoolean(), "a real thread reply to the question");
        assertEquals("@eve:gitter.im", content.get("m.mentions").get("user_ids").get(0).asText());
    }

    @Test
    void endsWithTheSuggestionsInTheAnswersLanguage() {
        ObjectNode english = formatter.answer(question, List.of("Hi."), List.of("a", "b & c"), Locale.ENGLISH);
        assertEquals("Eve <script>&: Hi.\nYou can also ask: a, b & c", english.get("body").asText());
        assertEquals(true, english.get("formatted_body").asText().endsWith("Hi.<br>You can also ask: a, b &amp; c"));
        ObjectNode french = formatter.answer(question, List.of("Salut."), List.of("a", "b"), Locale.FRENCH);
        assertEquals("Eve <script>&: Salut.\nVous pouvez aussi demander : a, b", french.get("body").asText());
    }

    @Test
    void explainsTheRateLimitPolitely() {
        assertEquals("Eve <script>&: I answer 5 questions per person every 30 seconds. Please ask me the rest in a moment, thank you!",
                formatter.rateLimitNotice(question, Locale.ENGLISH, 5, 30).get("body").asText());
        assertEquals(true, formatter.rateLimitNotice(question, Locale.FRENCH, 5, 30).get("body").asText()
                .contains("Je réponds à 5 questions par personne toutes les 30 secondes"));
    }
}
