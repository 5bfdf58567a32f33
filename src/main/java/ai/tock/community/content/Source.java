package ai.tock.community.content;

/**
 * Where a topic's answer comes from: a section of the community page, and its address on the
 * published page. Every topic answer ends with it, so that a visitor can check the answer there.
 *
 * @param section the heading of the section, as the page writes it
 * @param url     the published page with the heading's anchor
 */
public record Source(String section, String url) {

    static Source of(String section, CommunityPage page) {
        return new Source(section, page.sectionUrl(section));
    }

    /** The source line, short and in the answer's language, its text linked to the section. */
    public String html(Language language) {
        String text = language == Language.EN
                ? "Community page, section \u201c" + section + "\u201d"
                : "page Communauté, section «\u00a0" + section + "\u00a0»";
        return (language == Language.EN ? "Source: " : "Source\u00a0: ") + "<a href=\"" + Html.escape(url)
                + "\" target=\"_blank\" rel=\"noopener\">" + Html.escape(text) + "</a>";
    }
}
