package ai.tock.community.channel.gitter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Tells whether a message addresses the bot, and takes the address off the question. */
final class GitterMentions {

    private static final Pattern SEPARATOR = Pattern.compile("^\\s*[:,]\\s*");

    private final String botUserId;
    private final String localpart;
    private volatile String displayName;

    GitterMentions(String botUserId, String displayName) {
        this.botUserId = botUserId;
        int colon = botUserId.indexOf(':');
        this.localpart = botUserId.substring(botUserId.startsWith("@") ? 1 : 0, colon > 0 ? colon : botUserId.length());
        this.displayName = displayName;
    }

    void displayNameChanged(String name) {
        if (name != null && !name.isBlank()) {
            displayName = name.strip();
        }
    }

    /**
     * Mentioned by the intentional-mentions list, a matrix.to pill in the HTML, or a body that starts with
     * the bot's name followed by ':' or ','.
     */
    boolean isMentioned(MatrixJson.Mentions mentions, String formattedBody, String body) {
        if (mentions != null && mentions.userIds().contains(botUserId)) {
            return true;
        }
        if (formattedBody != null) {
            String html = formattedBody.toLowerCase(Locale.ROOT);
            String encoded = URLEncoder.encode(botUserId, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (html.contains("matrix.to/#/" + botUserId.toLowerCase(Locale.ROOT)) || html.contains("matrix.to/#/" + encoded)) {
                return true;
            }
        }
        return addressedText(body).isPresent();
    }

    /** The body without its leading address ("Tock Bot: ", "@tockbot, "…), or the body itself. */
    String withoutAddress(String body) {
        return addressedText(body).orElse(body.strip());
    }

    /**
     * "name:" and "name," address the bot, with or without a leading '@'; with the '@', a space will do too
     * ("@tockbot how do I…"), as Gitter users used to write.
     */
    private Optional<String> addressedText(String body) {
        String text = body.stripLeading();
        boolean at = text.startsWith("@");
        String afterAt = at ? text.substring(1) : text;
        String userIdWithoutAt = botUserId.startsWith("@") ? botUserId.substring(1) : botUserId;
        // Longest name first: "tockbot:gitter.im" must not be read as "tockbot" + ":gitter.im".
        return Stream.of(userIdWithoutAt, displayName, localpart)
                .filter(name -> name != null && !name.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .filter(name -> afterAt.regionMatches(true, 0, name, 0, name.length()))
                .map(name -> afterAt.substring(name.length()))
                .map(rest -> {
                    Matcher separator = SEPARATOR.matcher(rest);
                    if (separator.find()) {
                        return rest.substring(separator.end()).strip();
                    }
                    if (at && (rest.isEmpty() || Character.isWhitespace(rest.charAt(0)))) {
                        return rest.strip();
                    }
                    return null;
                })
                .filter(rest -> rest != null)
                .findFirst();
    }
}
