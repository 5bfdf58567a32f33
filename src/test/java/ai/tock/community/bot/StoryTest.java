package ai.tock.community.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.connector.web.WebMessage;
import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.Intent;
import ai.tock.bot.engine.action.ActionMetadata;
import ai.tock.bot.engine.dialog.EntityValue;
import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.PlayerType;
import ai.tock.bot.engine.user.UserPreferences;
import ai.tock.bot.test.BotBusMock;
import ai.tock.bot.test.junit.TockJUnit5Extension;
import ai.tock.community.TestContent;
import ai.tock.community.content.Content;
import ai.tock.community.content.Story;
import ai.tock.community.nlu.Outcome;
import ai.tock.translator.UserInterfaceType;
import ai.tock.bot.definition.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import kotlin.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each story, run by Tock's own test toolkit: the right answer, in the right language, with the page's link. */
class StoryTest {

    private static final Content CONTENT = TestContent.load();
    private static final RecordedVotes FEEDBACK = new RecordedVotes();
    private static final BotDefinition BOT = new CommunityBot(() -> CONTENT, FEEDBACK).definition();

    /** The votes the bot leaves for operators, kept in memory. */
    private static final class RecordedVotes implements OperatorLog {

        record Vote(String vote, String intent, String question, Locale language) {
        }

        private final List<Vote> votes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void unanswered(String question, Locale language, ai.tock.community.nlu.Classification classification) {
        }

        @Override
        public void vote(String vote, String intent, String question, Locale language) {
            votes.add(new Vote(vote, intent, question, language));
        }

        List<Vote> votes() {
            return List.copyOf(votes);
        }
    }

    // An instance field: a static extension would carry answers from one test to the next.
    @RegisterExtension
    final TockJUnit5Extension tock = new TockJUnit5Extension(BOT);

    @Test
    void every_topic_answers_in_french_with_its_links() {
        everyTopicAnswersWithItsLinks(Locale.FRENCH);
    }

    @Test
    void every_topic_answers_in_english_with_its_links() {
        everyTopicAnswersWithItsLinks(Locale.ENGLISH);
    }

    private void everyTopicAnswersWithItsLinks(Locale locale) {
        for (Story story : CONTENT.topics()) {
            String text = answer(send(story.intent(), "?", locale));
            assertEquals(story.answerIn(locale), text, story.intent() + " " + locale);
            story.links().forEach(link -> assertTrue(text.contains(link.url()), story.intent() + " " + link));
        }
    }

    @Test
    void the_gitter_lobby_story_gives_the_lobby_link_and_related_topics() {
        BotBusMock bus = send("gitter_lobby", "where is the gitter?", Locale.ENGLISH);
        WebMessage message = (WebMessage) bus.getLastAnswer().message(WebConnectorKt.getWebConnectorType());
        assertTrue(message.getText().contains("https://gitter.im/tockchat/Lobby"), message.getText());
        assertTrue(message.getText().contains("Gitter Lobby"), message.getText());
        var related = CONTENT.story("gitter_lobby").orElseThrow().related();
        assertEquals(related.size() + 2, message.getButtons().size(), "related topics, then 👍 and 👎");
    }

    @Test
    void small_talk_answers_in_french() {
        String hello = answer(send("greetings", "bonjour", Locale.FRENCH));
        assertEquals(CONTENT.story("greetings").orElseThrow().answerIn(Locale.FRENCH), hello);
    }

    @Test
    void the_greeting_welcomes_with_four_to_six_topics_then_the_menu() {
        BotBusMock bus = send("greetings", "bonjour", Locale.FRENCH);
        WebMessage message = (WebMessage) bus.getLastAnswer().message(WebConnectorKt.getWebConnectorType());
        List<String> titles = message.getButtons().stream().map(b -> ((ai.tock.bot.connector.web.send.QuickReply) b).getTitle()).toList();
        assertEquals(List.of("Salon Gitter", "Le TOSIT", "Licence", "Démo en ligne", "Contribuer", "Sujets"), titles);
    }

    @Test
    void small_talk_answers_in_english() {
        String bye = answer(send("goodbye", "bye", Locale.ENGLISH));
        assertEquals(CONTENT.story("goodbye").orElseThrow().answerIn(Locale.ENGLISH), bye);
    }

    @Test
    void the_menu_lists_every_topic_as_a_quick_reply() {
        BotBusMock bus = send("capabilities", "what can you do?", Locale.ENGLISH);
        WebMessage message = (WebMessage) bus.getLastAnswer().message(WebConnectorKt.getWebConnectorType());
        assertEquals(CONTENT.topics().size(), message.getButtons().size());
    }

    @Test
    void an_off_topic_message_gets_the_fallback_with_the_lobby() {
        String text = answer(send(Outcome.OFF_TOPIC.label(), "quel temps fait-il ?", Locale.FRENCH));
        assertTrue(text.contains("https://gitter.im/tockchat/Lobby"), text);
    }

    @Test
    void a_question_not_on_the_page_is_sent_to_the_community() {
        String text = answer(send(Outcome.NOT_ON_PAGE.label(), "how do I install Tock on Kubernetes?", Locale.ENGLISH));
        assertTrue(text.contains("community page doesn&#39;t say") && text.contains("https://gitter.im/tockchat/Lobby"), text);
    }

    @Test
    void topic_answers_offer_a_vote_that_is_recorded_with_its_topic() {
        BotBusMock bus = send("licence", "what licence?", Locale.ENGLISH);
        WebMessage message = (WebMessage) bus.getLastAnswer().message(WebConnectorKt.getWebConnectorType());
        List<String> titles = message.getButtons().stream().map(b -> ((ai.tock.bot.connector.web.send.QuickReply) b).getTitle()).toList();
        // Named in words as well as by the emoji (issue 15): "👍" alone is no name for a screen reader.
        assertTrue(titles.contains("👍 Helpful") && titles.contains("👎 Not helpful"), titles.toString());
        String thumbsDown = message.getButtons().stream().map(b -> (ai.tock.bot.connector.web.send.QuickReply) b)
                .filter(b -> b.getTitle().equals("👎 Not helpful")).findFirst().orElseThrow().getPayload();
        Map<String, String> carried = ai.tock.bot.engine.action.SendChoice.Companion.decodeChoiceId(thumbsDown).getSecond();

        choose(CommunityBot.FEEDBACK_INTENT, carried);
        List<RecordedVotes.Vote> votes = FEEDBACK.votes();
        assertEquals(1, votes.size());
        assertEquals("down", votes.get(0).vote());
        assertEquals("licence", votes.get(0).intent());
        assertEquals("what licence?", votes.get(0).question(), "the vote carries the question it rates");
    }

    @Test
    void a_payload_naming_the_two_questions_story_gets_the_fallback_not_an_error() {
        BotBusMock bus = choose(Outcome.TWO_QUESTIONS.label(), Map.of());
        assertEquals(CONTENT.only(ai.tock.community.content.StoryKind.OFF_TOPIC).answerIn(Locale.ENGLISH), answer(bus));
    }

    @Test
    void a_vote_for_a_topic_the_bot_does_not_have_is_not_recorded() {
        BotBusMock bus = choose(CommunityBot.FEEDBACK_INTENT,
                Map.of(CommunityBot.VOTE, "down", CommunityBot.VOTED_INTENT, "no_such_topic", CommunityBot.VOTED_QUESTION, "x"));
        assertEquals(CONTENT.only(ai.tock.community.content.StoryKind.FEEDBACK).answerIn(Locale.ENGLISH), answer(bus));
        assertTrue(FEEDBACK.votes().stream().noneMatch(v -> v.intent().equals("no_such_topic")), FEEDBACK.votes().toString());
    }

    /** A payload as the widget sends it back (or as anyone could forge it). */
    private BotBusMock choose(String intent, Map<String, String> parameters) {
        return tock.sendChoice(new Intent(intent), new Parameters(parameters), WebConnectorKt.getWebConnectorType(),
                UserInterfaceType.textChat, Locale.ENGLISH, new PlayerId("user", PlayerType.user, null),
                new PlayerId("bot", PlayerType.bot, null), new UserPreferences(), b -> Unit.INSTANCE);
    }


    /** The text of the turn's answer: the mock keeps every answer of the test, so the last one. */
    private static String answer(BotBusMock bus) {
        var last = bus.getLastAnswer();
        var web = last.message(WebConnectorKt.getWebConnectorType());
        return web instanceof WebMessage message ? message.getText() : last.text();
    }

    /**
     * Tock's send takes 12 arguments from Java: only the intent, the text and the language vary here.
     * The toolkit keeps the first send's user and language for the whole test: one language per test.
     */
    private BotBusMock send(String intent, String text, Locale locale) {
        UserPreferences preferences = new UserPreferences();
        preferences.setLocale(locale);
        return tock.send(text, new Intent(intent), new EntityValue[0], WebConnectorKt.getWebConnectorType(),
                UserInterfaceType.textChat, locale, new PlayerId("user", PlayerType.user, null),
                new PlayerId("bot", PlayerType.bot, null), preferences, List.of(), new ActionMetadata(),
                bus -> Unit.INSTANCE);
    }
}
