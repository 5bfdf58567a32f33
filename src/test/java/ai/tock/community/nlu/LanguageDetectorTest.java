package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private final LanguageDetector detector = new LanguageDetector(
            List.of("où est le gitter ?", "c'est quoi la démo", "la roadmap du projet", "le code source de tock",
                    "la roadmap", "roadmap ?"),
            List.of("where is the gitter?", "what is the demo", "the project roadmap", "the tock source code",
                    "roadmap", "the roadmap"));

    @Test
    void tells_french_from_english_even_when_short() {
        assertEquals(Locale.FRENCH, detector.detect("où est le gitter ?"));
        assertEquals(Locale.ENGLISH, detector.detect("where is the gitter?"));
        assertEquals(Locale.FRENCH, detector.detect("merci"));
        assertEquals(Locale.ENGLISH, detector.detect("thanks"));
        assertEquals(Locale.FRENCH, detector.detect("c koi"));
    }

    @Test
    void keeps_the_conversations_language_when_the_text_does_not_tell() {
        assertEquals(Locale.ENGLISH, detector.detect("demo", Locale.ENGLISH));
        assertEquals(Locale.FRENCH, detector.detect("demo", Locale.FRENCH));
        assertEquals(Locale.FRENCH, detector.detect("bonjour, où est la démo ?", Locale.ENGLISH), "clear French wins");
    }

    @Test
    void word_order_tells_the_language_of_words_both_share() {
        assertEquals(Locale.ENGLISH, detector.detect("source code"));
        assertEquals(Locale.FRENCH, detector.detect("code source"));
    }

    @Test
    void a_message_of_shared_words_only_keeps_the_conversations_language_however_far_it_leans() {
        // "roadmap" is in both languages' samples, three times as often in English.
        LanguageDetector leaning = new LanguageDetector(
                List.of("la roadmap du projet", "roadmap ?", "où est la roadmap"),
                List.of("the project roadmap", "roadmap", "the roadmap", "roadmap please", "roadmap of tock", "show the roadmap",
                        "roadmap?", "roadmap for 2024", "a roadmap"));
        assertTrue(leaning.frenchness("roadmap") < -1.5, "leans English beyond the unsure band: " + leaning.frenchness("roadmap"));
        assertEquals(Locale.FRENCH, leaning.detect("roadmap", Locale.FRENCH), "a shared word: the conversation's language");
        assertEquals(Locale.ENGLISH, leaning.detect("roadmap", Locale.ENGLISH));
        assertEquals(Locale.ENGLISH, leaning.detect("where is the roadmap?", Locale.FRENCH), "'where' is English only");
    }

    @Test
    void knows_chat_shortcuts() {
        assertEquals(Locale.FRENCH, detector.detect("a+"));
        assertEquals(Locale.FRENCH, detector.detect("slt"));
        assertEquals(Locale.ENGLISH, detector.detect("thx"));
    }

    @Test
    void a_message_that_asks_for_a_language_gets_that_language() {
        assertEquals(Locale.ENGLISH, detector.detect("and in English?", Locale.FRENCH));
        assertEquals(Locale.ENGLISH, detector.detect("en anglais stp", Locale.FRENCH), "French words, English asked");
        assertEquals(Locale.ENGLISH, detector.detect("tu peux le dire en anglais ?"));
        assertEquals(Locale.FRENCH, detector.detect("in French please", Locale.ENGLISH));
        assertTrue(LanguageDetector.asksForLanguage("et en anglais ?"));
        // A question about a language is not a request for one.
        assertEquals(Locale.FRENCH, detector.detect("Tock est disponible en anglais ?"));
        assertFalse(LanguageDetector.asksForLanguage("is the documentation available in French?"));
    }

    @Test
    void a_long_mixed_message_is_in_the_language_of_its_question() {
        assertEquals(Locale.ENGLISH, detector.detect("je travaille dans une banque à Lyon depuis deux ans avec mon équipe,"
                + " where is the gitter please?"));
        assertEquals(Locale.FRENCH, detector.detect("Hi everyone, I'm a developer at a bank and we love the project,"
                + " du coup c'est où la démo ?"));
        // A short tag after the question does not make the question's language.
        assertEquals(Locale.FRENCH, detector.detect("je voudrais savoir si la démo est encore en ligne et qui la maintient, you know ?"));
    }
}
