package ai.tock.community.channel.gitter;

import ai.tock.community.content.Html;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds the {@code m.notice} content of an answer: in the question's thread, mentioning the asker,
 * with an HTML body and its plain-text twin.
 */
final class GitterReplyFormatter {

    /** "@room", but not in a matrix.to link. */
    private static final Pattern AT_ROOM = Pattern.compile("(?<!#/)@(room)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * @param answerHtml the bot's sentences, as the minimal HTML Tock hands over (escaped text, links, {@code <br>})
     * @param suggestions quick replies, plain text
     */
    ObjectNode answer(GitterEventFilter.Question question, List<String> answerHtml, List<String> suggestions, Locale language) {
        String html = String.join("<br>", answerHtml);
        String plain = toPlainText(html);
        if (!suggestions.isEmpty()) {
            String line = (isFrench(language) ? "Vous pouvez aussi demander : " : "You can also ask: ")
                    + String.join(", ", suggestions);
            html += (html.isEmpty() ? "" : "<br>") + Html.escape(line);
            plain += (plain.isEmpty() ? "" : "\n") + line;
        }
        return notice(question, html, plain);
    }

    /** Said once to an asker over the rate limit, then silence until the window ends. */
    ObjectNode rateLimitNotice(GitterEventFilter.Question question, Locale language, int maxQuestions, long windowSeconds) {
        String text = isFrench(language)
                ? "Je réponds à " + maxQuestions + " questions par personne toutes les " + windowSeconds
                + " secondes. Reposez-moi la suite dans un instant, merci !"
                : "I answer " + maxQuestions + " questions per person every " + windowSeconds
                + " seconds. Please ask me the rest in a moment, thank you!";
        return notice(question, Html.escape(text), text);
    }

    /** Said once in an encrypted room, in clear, before the bot leaves it, with where to ask instead ({@code lobby}). */
    ObjectNode cannotReadEncrypted(String lobby) {
        String text = "Je ne peux pas lire les messages chiffrés : posez votre question dans " + lobby
                + ", ou dans une discussion directe non chiffrée avec moi. I cannot read encrypted messages: ask in " + lobby
                + ", or in an unencrypted direct chat with me.";
        return content(Html.escape(text), text);
    }

    /** In the question's thread, replying to the question itself (not a thread fallback), mentioning the asker. */
    private ObjectNode notice(GitterEventFilter.Question question, String html, String plain) {
        String pill = "<a href=\"https://matrix.to/#/" + Html.escape(question.sender()) + "\">"
                + Html.escape(question.senderName()) + "</a>";
        ObjectNode content = content(pill + ": " + html, question.senderName() + ": " + plain);
        content.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", question.threadRootId())
                .put("is_falling_back", false).putObject("m.in_reply_to").put("event_id", question.eventId());
        content.putObject("m.mentions").putArray("user_ids").add(question.sender());
        return content;
    }

    /** A notice never calls the whole room: "@room" is written with a word joiner, which no client reads as a mention. */
    private static ObjectNode content(String html, String plain) {
        return JsonNodeFactory.instance.objectNode().put("msgtype", "m.notice")
                .put("body", AT_ROOM.matcher(plain).replaceAll("@\u2060$1"))
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", AT_ROOM.matcher(html).replaceAll("@\u2060$1"));
    }

    /** HTML to text, with jsoup: {@code <br>} becomes a new line, a link "label (url)" (the url alone when it is its label). */
    static String toPlainText(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        body.select("br").forEach(br -> br.replaceWith(new TextNode("\n")));
        body.select("a[href]").forEach(link -> {
            String url = link.attr("href").strip();
            String label = link.text().strip();
            link.replaceWith(new TextNode(label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")"));
        });
        return body.wholeText().strip();
    }

    private static boolean isFrench(Locale language) {
        return "fr".equals(language.getLanguage());
    }
}
