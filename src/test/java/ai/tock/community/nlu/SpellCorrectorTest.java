package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpellCorrectorTest {

    private final SpellCorrector speller = new SpellCorrector(Map.of("gitter", 5, "you", 9, "the", 20, "licence", 4, "tosit", 3));

    @Test
    void a_long_word_is_put_back_to_a_known_word_one_or_two_edits_away() {
        assertEquals("gitter", speller.correct("gittr"));
        assertEquals("licence", speller.correct("lisense"));
        assertEquals("kubernetes", speller.correct("kubernetes"), "a word the bot never learnt stays unknown");
    }

    @Test
    void a_three_letter_word_is_put_back_only_when_two_letters_are_swapped() {
        assertEquals("you", speller.correct("yuo"));
        assertEquals("the", speller.correct("teh"));
        assertEquals("yoo", speller.correct("yoo"), "another edit of so short a word makes another word");
        assertEquals("k8s", speller.correct("k8s"));
    }
}
