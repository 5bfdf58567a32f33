package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a page must be for a visitor, measured in the browser: accessible, readable, laid out for the screen. */
final class PageChecks {

    private static final Pattern RGB = Pattern.compile("rgba?\\(\\s*([\\d.]+)[,\\s]+([\\d.]+)[,\\s]+([\\d.]+)(?:\\s*[,/]\\s*([\\d.]+))?\\s*\\)");
    private static final double MIN_TEXT_CONTRAST = 4.5;

    private final String axeScript;

    PageChecks(Path axeScript) {
        try {
            this.axeScript = Files.readString(axeScript);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's rules (WCAG A and AA, best practices) on the page as it is: no serious or critical violation. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> assertNoSeriousViolation(Page page, String what) {
        // Evaluated by the browser's devtools protocol: the page's Content-Security-Policy does not apply to it.
        page.evaluate(axeScript);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => (await axe.run(document)).violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))
                }))""");
        System.out.println("axe-core on " + what + ": " + (violations.isEmpty() ? "no violation" : violations));
        List<Map<String, Object>> serious = violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
        assertEquals(List.of(), serious, "serious or critical accessibility violations on " + what);
        return violations;
    }

    /** Every link in the bot's answers against the background it sits on: at least 4.5:1. */
    @SuppressWarnings("unchecked")
    void assertAnswerLinksReadable(Page page, String root) {
        List<Map<String, Object>> links = (List<Map<String, Object>>) page.evaluate("""
                root => [...document.querySelectorAll(root + ' [aria-live] > ul > li > div > div a')].map(a => {
                  let element = a;
                  let background = getComputedStyle(element).backgroundColor;
                  while (element && /^rgba\\(.*,\\s*0\\)$|^transparent$/.test(background)) {
                    element = element.parentElement;
                    background = element ? getComputedStyle(element).backgroundColor : 'rgb(255, 255, 255)';
                  }
                  return {text: a.innerText, color: getComputedStyle(a).color, background: background};
                })""", root);
        assertFalse(links.isEmpty(), "answers with links are on the page");
        for (Map<String, Object> link : links) {
            double ratio = contrast((String) link.get("color"), (String) link.get("background"));
            assertTrue(ratio >= MIN_TEXT_CONTRAST, "link '" + link.get("text") + "' " + link.get("color") + " on "
                    + link.get("background") + ": " + String.format("%.2f", ratio) + ":1");
        }
    }

    /** WCAG 2 contrast ratio of two opaque CSS colours. */
    static double contrast(String foreground, String background) {
        double a = luminance(foreground);
        double b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String cssColour) {
        Matcher m = RGB.matcher(cssColour);
        assertTrue(m.matches(), "an rgb() colour: " + cssColour);
        assertTrue(m.group(4) == null || Double.parseDouble(m.group(4)) == 1.0, "an opaque colour: " + cssColour);
        return 0.2126 * channel(m.group(1)) + 0.7152 * channel(m.group(2)) + 0.0722 * channel(m.group(3));
    }

    private static double channel(String value) {
        double c = Double.parseDouble(value) / 255;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Nothing wider than the screen: no sideways scrolling. */
    static void assertNoSidewaysScrolling(Page page) {
        List<?> widths = (List<?>) page.evaluate("""
                () => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                       document.body.scrollWidth, window.innerWidth]""");
        int pageWidth = ((Number) widths.get(0)).intValue();
        int viewport = ((Number) widths.get(1)).intValue();
        int bodyWidth = ((Number) widths.get(2)).intValue();
        assertTrue(pageWidth <= viewport && bodyWidth <= viewport, "page " + pageWidth + " px, body " + bodyWidth
                + " px, screen " + viewport + " px");
    }

    /** The header's title and buttons share one row, and the title's text takes one line, whole. */
    static void assertHeaderOnOneLine(Page page) {
        Map<?, ?> header = (Map<?, ?>) page.evaluate("""
                () => {
                  const parts = [...document.querySelectorAll('header h1, header button')].map(e => e.getBoundingClientRect());
                  const h1 = document.querySelector('header h1');
                  const title = document.createRange();
                  title.selectNodeContents(h1);
                  return {
                    lowestTop: Math.max(...parts.map(r => r.top)), highestBottom: Math.min(...parts.map(r => r.bottom)),
                    titleLines: new Set([...title.getClientRects()].map(r => Math.round(r.top))).size,
                    titleCut: h1.scrollWidth > h1.clientWidth
                  };
                }""");
        double lowestTop = ((Number) header.get("lowestTop")).doubleValue();
        double highestBottom = ((Number) header.get("highestBottom")).doubleValue();
        assertTrue(lowestTop < highestBottom, "the title and the buttons are side by side: " + header);
        assertEquals(1, ((Number) header.get("titleLines")).intValue(), "the title on one line: " + header);
        assertEquals(false, header.get("titleCut"), "the title shown whole: " + header);
    }

    /** The conversation sits in the middle of a wide screen, at a width and size made for reading. */
    static void assertCentredAndReadable(Page page) {
        Map<?, ?> layout = (Map<?, ?>) page.evaluate("""
                () => {
                  const list = document.querySelector('main [aria-live] > ul').getBoundingClientRect();
                  const bubble = document.querySelector('main [aria-live] > ul > li > div');
                  return {left: list.left, right: window.innerWidth - list.right, width: list.width,
                          fontSize: parseFloat(getComputedStyle(bubble).fontSize)};
                }""");
        double left = ((Number) layout.get("left")).doubleValue();
        double right = ((Number) layout.get("right")).doubleValue();
        double width = ((Number) layout.get("width")).doubleValue();
        assertTrue(Math.abs(left - right) <= 2, "centred: " + layout);
        assertTrue(width <= 800 && width >= 600, "a column of reading width: " + layout);
        assertTrue(((Number) layout.get("fontSize")).doubleValue() >= 16, "text of 16 px or more: " + layout);
    }
}
