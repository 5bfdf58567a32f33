package ai.tock.community.content;

import java.util.List;
import java.util.Locale;

/**
 * A story checked against the page: its answer is already rendered, with the page's current links.
 *
 * @param answerHtml the answer as minimal HTML: escaped text, {@code <a href>} links and {@code <br>};
 *                   a topic's ends with its source line
 * @param links      the page links the answer uses, in order
 * @param source     for a topic, the section of the page the answer comes from; null otherwise
 * @param termsFr    the words and phrases the story is about, in French ("primé", "prix"); may be empty
 * @param termsEn    the same in English ("award-winning", "prize")
 */
public record Story(
        String intent,
        StoryKind kind,
        String section,
        Localized title,
        List<String> questionsFr,
        List<String> questionsEn,
        Localized answerHtml,
        List<PageLink> links,
        List<String> related,
        Source source,
        List<String> termsFr,
        List<String> termsEn) {

    public List<String> questionsIn(Language language) {
        return language == Language.EN ? questionsEn : questionsFr;
    }

    public List<String> termsIn(Language language) {
        return language == Language.EN ? termsEn : termsFr;
    }

    public String answerIn(Locale locale) {
        return answerHtml.in(locale);
    }

    public boolean isTopic() {
        return kind == StoryKind.TOPIC;
    }
}
