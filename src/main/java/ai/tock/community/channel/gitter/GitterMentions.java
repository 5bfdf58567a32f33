package ai.tock.community.channel.gitter;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Tells whether a message addresses the bot, and takes the address off the question. */
final class GitterMentions {

    private static final Set<String> QUESTION_WORDS = Set.of("qui", "quoi", "que", "qu", "quel", "quelle", "quels", "quelles",
            "comment", "où", "pourquoi", "combien", "quand", "est-ce",
            "what", "who", "where", "when", "why", "how", "which", "is", "are", "can", "could", "does", "do");

    private final String botUserId;
    private final String localpart;
    private volatile Pattern addressPattern;

    GitterMentions(String botUserId, String displayName) {
        this.botUserId = botUserId;
        this.localpart = localpart(botUserId);
        this.addressPattern = addressPattern(displayName);
    }

    /** The name part of a user id: "tockbot" for "@tockbot:gitter.im". */
    static String localpart(String userId) {
        int colon = userId.indexOf(':');
        return userId.substring(userId.startsWith("@") ? 1 : 0, colon > 1 ? colon : userId.length());
    }

    void displayNameChanged(String name) {
        addressPattern = addressPattern(name.strip());
    }

    /**
     * Mentioned by the intentional-mentions list, a matrix.to pill in the HTML outside a quoted reply
     * ({@code <mx-reply>}), or a body (its quoted reply lines already taken off) that starts with the bot's name.
     */
    boolean isMentioned(MatrixJson.Mentions mentions, String formattedBody, String body) {
        if (mentions != null && mentions.userIds().contains(botUserId)) {
            return true;
        }
        if (formattedBody != null) {
            Element html = Jsoup.parseBodyFragment(formattedBody).body();
            html.select("mx-reply").remove();
            if (html.select("a[href]").stream().anyMatch(link -> isPill(link.attr("href")))) {
                return true;
            }
        }
        return addressedText(body).isPresent();
    }

    /** A matrix.to link to the bot, its id written as is or percent-encoded. */
    private boolean isPill(String href) {
        try {
            String link = URLDecoder.decode(href.split("\\?")[0], StandardCharsets.UTF_8);
            return link.equalsIgnoreCase("https://matrix.to/#/" + botUserId);
        } catch (IllegalArgumentException notEncodedProperly) {
            return false;
        }
    }

    /** Replies from older clients quote the replied-to message ("> " lines, then a blank line) in the body. */
    static String withoutReplyFallback(String body, MatrixJson.Relation relation) {
        if (relation == null || relation.inReplyTo() == null || !body.startsWith(">")) {
            return body;
        }
        int end = body.indexOf("\n\n");
        return end < 0 ? body : body.substring(end + 2);
    }

    /** A question, not thanks or chatter: it asks ('?') or opens with a question word. */
    static boolean looksLikeAQuestion(String text) {
        String first = text.strip().split("[\\s,'’]+", 2)[0].toLowerCase(Locale.ROOT);
        return text.contains("?") || QUESTION_WORDS.contains(first);
    }

    /** The body without its leading address ("Tock Bot: ", "@tockbot, "…), or the body itself. */
    String withoutAddress(String body) {
        return addressedText(body).orElse(body.strip());
    }

    /** The body's text after its address, or empty when it does not start with one. */
    private Optional<String> addressedText(String body) {
        String text = body.stripLeading();
        Matcher address = addressPattern.matcher(text);
        return address.lookingAt() ? Optional.of(text.substring(address.end()).strip()) : Optional.empty();
    }

    /**
     * "name:" and "name," address the bot, with or without a leading '@'; with the '@', a space will do too
     * ("@tockbot how do I…"), as Gitter users used to write. Longest name first: "tockbot:gitter.im" must not be
     * read as "tockbot" + ":gitter.im".
     */
    private Pattern addressPattern(String displayName) {
        String names = Stream.of(botUserId.replaceFirst("^@", ""), displayName, localpart)
                .filter(name -> name != null && !name.isBlank()).sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("@(?:" + names + ")(?:\\s*[:,]|(?=\\p{javaWhitespace}|$))|(?!@)(?:" + names + ")\\s*[:,]",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
