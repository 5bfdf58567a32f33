package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.tock.community.TestContent;
import ai.tock.community.content.Content;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terms stories declare, found in a message wherever they stand. */
class TermIndexTest {

    private final TextNormalizer normalizer = new TextNormalizer();
    private final Content content = TestContent.load();
    private final List<String> intents = List.of("awards", "talks", "release_notes", "roadmap");
    private final TermIndex terms = new TermIndex(content, normalizer, intents);

    private double[] matches(String text) {
        return terms.matches(normalizer.contentTokens(text));
    }

    @Test
    void a_term_counts_however_long_the_message_and_wherever_it_stands() {
        assertArrayEquals(new double[]{1, 0, 0, 0}, matches("Primé ?"));
        assertArrayEquals(new double[]{1, 0, 0, 0}, matches("Bonjour à tous, je prépare un dossier de financement pour notre"
                + " direction, on utilise docker et kubernetes en production, et je voudrais savoir si Tock a été primé"));
    }

    @Test
    void phrases_match_as_a_whole_case_accents_and_plurals_aside() {
        assertArrayEquals(new double[]{0, 1, 0, 0}, matches("je voudrais le présenter SUR SCENE"), "'sur scène'");
        assertArrayEquals(new double[]{0, 0, 1, 0}, matches("où sont les Release-Notes ?"), "'release notes'");
        assertArrayEquals(new double[]{0, 0, 0, 0}, matches("notes about the release"), "the words apart are not the phrase");
        assertArrayEquals(new double[]{0, 0, 0, 1}, matches("y a des milestones ?"), "'milestones' as 'milestone'");
    }

    @Test
    void terms_of_stories_not_asked_for_are_left_out() {
        assertArrayEquals(new double[]{0, 0, 0, 0}, matches("la licence apache"), "licence is not among the intents given");
    }
}
