package ai.tock.community.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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

    @Test
    void gives_each_heading_the_anchor_the_published_page_gives_it() {
        // Expected ids as Python-Markdown's table of contents (MkDocs' default) writes them for these headings.
        CommunityPage headings = CommunityPage.parse("""
                # Communauté Tock
                ## Rejoindre la communauté (Gitter)
                ## Suivre l'actualité de la plateforme
                ## Code & Contribution (GitHub)
                ## Hébergement de la Démo publique
                ## Le _TOSIT_ et [Tock](https://doc.tock.ai)
                ## Aide
                ### Aide
                ## Aide_1
                ## Ça   --  marche ?
                """);
        assertEquals(Map.of(
                "Communauté Tock", "communaute-tock",
                "Rejoindre la communauté (Gitter)", "rejoindre-la-communaute-gitter",
                "Suivre l'actualité de la plateforme", "suivre-lactualite-de-la-plateforme",
                "Code & Contribution (GitHub)", "code-contribution-github",
                "Hébergement de la Démo publique", "hebergement-de-la-demo-publique",
                "Le _TOSIT_ et [Tock](https://doc.tock.ai)", "le-tosit-et-tock",
                "Aide", "aide",
                "Aide_1", "aide_2", // the second "Aide" took "aide_1": the count goes on
                "Ça   --  marche ?", "ca-marche"), headings.anchors());
        assertEquals("https://doc.tock.ai/tock/fr/about/community/#rejoindre-la-communaute-gitter",
                headings.sectionUrl("Rejoindre la communauté (Gitter)"));
        assertThrows(ContentException.class, () -> headings.sectionUrl("Nulle part"));
    }
}
