package ai.tock.community.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import ai.tock.community.nlu.Classification;
import ai.tock.community.nlu.IntentClassifier;
import ai.tock.community.nlu.Thresholds;
import ai.tock.nlp.api.client.model.NlpQuery;
import ai.tock.nlp.api.client.model.NlpQueryContext;
import ai.tock.nlp.api.client.model.NlpQueryState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Follow-ups (issue 13, item 5): after "c'est quoi le TOSIT ?", the same user's "et ses membres ?", "qui l'a
 * fondé ?", "le lien ?" or "and in English?" are about TOSIT; the memory is per Tock user id, bounded in
 * users and in time.
 */
class FollowUpTest {

    private static final IntentClassifier CLASSIFIER = new IntentClassifier(TestContent.load(), Thresholds.defaults());
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final AtomicLong nanos = new AtomicLong();
    private final LocalNlpClient nlp = new LocalNlpClient(() -> CLASSIFIER, new OperatorLog() {
        @Override
        public void unanswered(String question, Locale language, Classification classification) {
        }

        @Override
        public void vote(String vote, String intent, String question, Locale language) {
        }
    }, user -> false, new LocalNlpClient.FollowUps(3, WINDOW), nanos::get);

    private String intentOf(String user, String text) {
        NlpQueryContext context = new NlpQueryContext(Locale.FRENCH, user, "dialog-" + user, null, ZonedDateTime.now(),
                ZoneOffset.UTC, false, false);
        return nlp.parse(new NlpQuery(List.of(text), "community", "tock-community-bot", context, NlpQueryState.Companion.getNoState(),
                Set.of(), null)).getIntent();
    }

    @Test
    void after_a_question_about_tosit_the_issues_follow_ups_are_about_tosit() {
        for (var followUp : List.of(List.of("et ses membres ?", "tosit_members"), List.of("qui l'a fondé ?", "tosit_founders"),
                List.of("le lien ?", "tosit_site"), List.of("and in English?", "tosit_about"))) {
            String user = "user-" + followUp.get(0);
            assertEquals("tosit_about", intentOf(user, "c'est quoi le TOSIT ?"));
            assertEquals(followUp.get(1), intentOf(user, followUp.get(0)), followUp.get(0));
        }
    }

    @Test
    void a_follow_up_is_read_with_the_same_users_question_only() {
        assertEquals("tosit_about", intentOf("alice", "c'est quoi le TOSIT ?"));
        assertEquals("tosit_site", intentOf("alice", "son site ?"));
        assertNotEquals("tosit_site", intentOf("bob", "son site ?"), "bob asked nothing before");
        assertNotEquals("tosit_about", intentOf("bob", "and in English?"));
    }

    @Test
    void a_question_of_its_own_or_small_talk_is_not_a_follow_up() {
        assertEquals("tosit_about", intentOf("carol", "c'est quoi le TOSIT ?"));
        assertEquals("licence", intentOf("carol", "quelle est la licence de Tock ?"));
        assertEquals("thanks", intentOf("carol", "merci beaucoup"));
        // Her last answered topic is now the licence: "and in English?" repeats it.
        assertEquals("licence", intentOf("carol", "and in English?"));
    }

    @Test
    void the_memory_is_bounded_in_time() {
        assertEquals("tosit_about", intentOf("dave", "c'est quoi le TOSIT ?"));
        nanos.addAndGet(WINDOW.plusSeconds(1).toNanos());
        assertNotEquals("tosit_site", intentOf("dave", "son site ?"), "forgotten after the window");
    }

    @Test
    void the_memory_is_bounded_in_users() {
        for (int i = 0; i < 50; i++) {
            intentOf("user" + i, "c'est quoi le TOSIT ?");
            assertTrue(nlp.usersRemembered() <= 3, "users remembered: " + nlp.usersRemembered());
        }
    }
}
