package ai.tock.community.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommunityPageTest {

    private static final String PAGE = """
            # Title
            Intro, see [why](why.md).
            ## Section A
            * [Lobby _room_](https://gitter.im/a)
            ![logo](../../img/x.png "X")
            <a href="https://github.com/x/"
            ## Section B
            * [Same](https://one.example/)
            * [Same](https://two.example/)
            """;

    private final CommunityPage page = CommunityPage.parse(PAGE);

    @Test
    void reads_sections_including_the_top_one() {
        assertTrue(page.hasSection("Title"));
        assertTrue(page.hasSection("Section A"));
        assertTrue(page.sections().get("Section A").contains("Lobby"));
    }

    @Test
    void finds_links_by_label_without_markup_or_case_and_by_url() {
        assertEquals("https://gitter.im/a", page.link("lobby room").url());
        assertEquals("https://gitter.im/a", page.link("https://gitter.im/a").url());
        assertEquals("https://github.com/x/", page.link("https://github.com/x/").url());
        assertEquals("https://doc.tock.ai/tock/fr/about/why/", page.link("why").url());
    }

    @Test
    void skips_images_and_refuses_unknown_or_ambiguous_labels() {
        assertTrue(page.links().stream().noneMatch(l -> l.url().contains("img")));
        assertThrows(ContentException.class, () -> page.link("nowhere"));
        ContentException ambiguous = assertThrows(ContentException.class, () -> page.link("Same"));
        assertTrue(ambiguous.getMessage().contains("ambiguous"));
    }
}
