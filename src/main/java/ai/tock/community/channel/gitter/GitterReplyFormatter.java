package ai.tock.community.channel.gitter;

import ai.tock.community.content.Html;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@code m.notice} content of an answer: in the question's thread, mentioning the asker,
 * with an HTML body and its plain-text twin.
 */
final class GitterReplyFormatter {

    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("<a\\s[^>]*?href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");

    /**
     * @param answerHtml the bot's sentences, as the minimal HTML Tock hands over (escaped text, links, {@code <br>})
     * @param suggestions quick replies, plain text
     */
    ObjectNode answer(GitterQuestion question, List<String> answerHtml, List<String> suggestions, Locale language) {
        StringBuilder html = new StringBuilder(String.join("<br>", answerHtml));
        StringBuilder plain = new StringBuilder(toPlainText(html.toString()));
        if (!suggestions.isEmpty()) {
            String line = (isFrench(language) ? "Vous pouvez aussi demander : " : "You can also ask: ") + String.join(", ", suggestions);
            html.append(html.isEmpty() ? "" : "<br>").append(Html.escape(line));
            plain.append(plain.isEmpty() ? "" : "\n").append(line);
        }
        return notice(question, html.toString(), plain.toString());
    }

    /** Said once to an asker over the rate limit, then silence until the window ends. */
    ObjectNode rateLimitNotice(GitterQuestion question, Locale language, int maxQuestions, long windowSeconds) {
        String text = isFrench(language)
                ? "Je réponds à " + maxQuestions + " questions par personne toutes les " + windowSeconds
                + " secondes. Reposez-moi la suite dans un instant, merci !"
                : "I answer " + maxQuestions + " questions per person every " + windowSeconds
                + " seconds. Please ask me the rest in a moment, thank you!";
        return notice(question, Html.escape(text), text);
    }

    private ObjectNode notice(GitterQuestion question, String html, String plain) {
        String pill = "<a href=\"https://matrix.to/#/" + Html.escape(question.sender()) + "\">" + Html.escape(question.senderName()) + "</a>";
        ObjectNode content = JsonNodeFactory.instance.objectNode()
                .put("msgtype", "m.notice")
                .put("body", question.senderName() + ": " + plain)
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", pill + ": " + html);
        ObjectNode relation = content.putObject("m.relates_to")
                .put("rel_type", "m.thread")
                .put("event_id", question.threadRootId())
                .put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", question.eventId());
        content.putObject("m.mentions").putArray("user_ids").add(question.sender());
        return content;
    }

    /** Minimal HTML to text: {@code <br>} becomes a new line, a link becomes "label (url)", other tags go. */
    static String toPlainText(String html) {
        String text = LINE_BREAK.matcher(html).replaceAll("\n");
        Matcher link = LINK.matcher(text);
        StringBuilder withLinks = new StringBuilder();
        while (link.find()) {
            String url = unescapeHtml(link.group(1)).strip();
            String label = unescapeHtml(TAG.matcher(link.group(2)).replaceAll("")).strip();
            String written = label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")";
            // Escaped again so that the entity pass below leaves the link as written.
            link.appendReplacement(withLinks, Matcher.quoteReplacement(Html.escape(written)));
        }
        link.appendTail(withLinks);
        return unescapeHtml(TAG.matcher(withLinks).replaceAll("")).strip();
    }

    private static String unescapeHtml(String html) {
        Matcher entity = ENTITY.matcher(html);
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(text, Matcher.quoteReplacement(decode(entity.group(1), entity.group())));
        }
        entity.appendTail(text);
        return text.toString();
    }

    private static String decode(String name, String whole) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return whole;
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> whole;
        };
    }

    private static boolean isFrench(Locale language) {
        return Locale.FRENCH.getLanguage().equals(language.getLanguage());
    }
}
