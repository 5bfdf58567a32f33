package ai.tock.community.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tock community page (Markdown), read for what answers need: its sections and its links.
 *
 * @param sections the text of each {@code ##} section, by heading, in page order
 * @param links    every link of the page, in page order (relative ones made absolute)
 * @param anchors  the id the published page gives each heading, by heading
 */
public record CommunityPage(Map<String, String> sections, List<PageLink> links, Map<String, String> anchors) {

    /** Where the page is published: its relative links ({@code why.md}) are siblings there. */
    public static final String PUBLISHED_BASE = "https://doc.tock.ai/tock/fr/about/";
    /** The published page itself. */
    public static final String PUBLISHED_PAGE = PUBLISHED_BASE + "community/";

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");
    // [label](url "optional title"), but not images ![alt](src)
    private static final Pattern MARKDOWN_LINK =
            Pattern.compile("(?<!!)\\[([^\\]]+)]\\(\\s*([^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HTML_LINK = Pattern.compile("<a\\s+href=\"([^\"]+)\"");
    private static final Pattern RELATIVE_DOC = Pattern.compile("^([a-z0-9-]+)\\.md$");

    public static CommunityPage parse(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        Map<String, String> anchors = new LinkedHashMap<>();
        Set<String> usedAnchors = new HashSet<>();
        List<PageLink> links = new ArrayList<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        for (String line : markdown.split("\\R")) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (heading != null) {
                    sections.put(heading, body.toString().trim());
                }
                heading = h.group(1);
                anchors.putIfAbsent(heading, HeadingAnchor.unique(HeadingAnchor.of(heading), usedAnchors));
                body.setLength(0);
                continue;
            }
            body.append(line).append('\n');
            Matcher m = MARKDOWN_LINK.matcher(line);
            while (m.find()) {
                absolute(m.group(2)).ifPresent(url -> links.add(new PageLink(plainLabel(m.group(1)), url)));
            }
            Matcher a = HTML_LINK.matcher(line);
            while (a.find()) {
                absolute(a.group(1)).ifPresent(url -> links.add(new PageLink(url, url)));
            }
        }
        if (heading != null) {
            sections.put(heading, body.toString().trim());
        }
        return new CommunityPage(Map.copyOf(sections), List.copyOf(links), Map.copyOf(anchors));
    }

    public boolean hasSection(String heading) {
        return sections.containsKey(heading);
    }

    /**
     * The published page's address for a section, with the anchor of its heading.
     *
     * @throws ContentException when the page has no such heading
     */
    public String sectionUrl(String heading) {
        String anchor = anchors.get(heading);
        if (anchor == null) {
            throw new ContentException("section '" + heading + "' is not in the page");
        }
        return PUBLISHED_PAGE + "#" + anchor;
    }

    /**
     * Finds a link by its label (case and markup ignored) or by its URL.
     *
     * @throws ContentException when the key names nothing, or a label that points to two different URLs
     */
    public PageLink link(String key) {
        String wanted = plainLabel(key).toLowerCase(Locale.ROOT);
        List<String> urls = links.stream()
                .filter(l -> l.label().toLowerCase(Locale.ROOT).equals(wanted) || l.url().equals(key))
                .map(PageLink::url)
                .distinct()
                .toList();
        if (urls.isEmpty()) {
            throw new ContentException("link '" + key + "' is not in the page");
        }
        if (urls.size() > 1) {
            throw new ContentException("link '" + key + "' is ambiguous in the page " + urls + ": name the URL instead");
        }
        return new PageLink(key, urls.get(0));
    }

    /** Absolute http(s) URLs are kept, {@code name.md} becomes a published doc page, images are skipped. */
    private static Optional<String> absolute(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return Optional.of(target);
        }
        Matcher doc = RELATIVE_DOC.matcher(target);
        return doc.matches() ? Optional.of(PUBLISHED_BASE + doc.group(1) + "/") : Optional.empty();
    }

    private static String plainLabel(String label) {
        return label.replaceAll("[_*`]", "").replaceAll("\\s+", " ").trim();
    }
}
