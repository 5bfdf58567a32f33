package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import org.junit.jupiter.api.Test;

/** Words that make a question one about Tock, which the page may not answer. */
class DomainVocabularyTest {

    private final DomainVocabulary domain = new DomainVocabulary(new TextNormalizer());

    @Test
    void domain_words_match_as_written_and_in_the_plural() {
        // Each of these was stemmed away before ("kubernete", "chatbot", "team", "vert") and never matched.
        assertTrue(domain.mentions("ça tourne sur kubernetes ?"));
        assertTrue(domain.mentions("des chatbots open source"));
        assertTrue(domain.mentions("connecteur Teams"));
        assertTrue(domain.mentions("quelle version de vertx ?"));
        assertTrue(domain.mentions("les bots de tock"), "a plural meets its singular");
        assertFalse(domain.mentions("le logo est vert ?"), "a French word is not 'vertx' stemmed");
        assertFalse(domain.mentions("quel temps fait-il ?"));
    }

    @Test
    void a_kubernetes_question_gets_the_page_does_not_say() {
        IntentClassifier classifier = new IntentClassifier(TestContent.load(), Thresholds.defaults());
        assertEquals(Outcome.NOT_ON_PAGE, classifier.classify("ça tourne sur kubernetes ?").outcome());
    }
}
