package ai.tock.community.content;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an answer with {@code [[key|text]]} placeholders into minimal HTML with the page's links. */
final class AnswerTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\[([^\\]|]+)(?:\\|([^\\]]+))?]]");

    private AnswerTemplate() {
    }

    /** The rendered HTML and the page links it used. */
    record Rendered(String html, List<PageLink> links) {
    }

    static Rendered render(String template, CommunityPage page) {
        StringBuilder html = new StringBuilder();
        List<PageLink> used = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            html.append(Html.escape(template.substring(last, m.start())));
            PageLink link = page.link(m.group(1).trim());
            String shown = m.group(2) == null ? link.label() : m.group(2).trim();
            used.add(link);
            html.append("<a href=\"").append(Html.escape(link.url())).append("\" target=\"_blank\" rel=\"noopener\">")
                    .append(Html.escape(shown)).append("</a>");
            last = m.end();
        }
        html.append(Html.escape(template.substring(last)));
        return new Rendered(html.toString().replace("\n", "<br>"), List.copyOf(used));
    }
}
