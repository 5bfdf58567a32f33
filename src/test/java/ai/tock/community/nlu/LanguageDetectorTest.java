package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private final LanguageDetector detector = new LanguageDetector(
            List.of("où est le gitter ?", "c'est quoi la démo", "la roadmap du projet"),
            List.of("where is the gitter?", "what is the demo", "the project roadmap"));

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
}
