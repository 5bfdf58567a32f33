package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import ai.tock.community.TestContent;
import ai.tock.community.channel.web.ChatView.Link;
import ai.tock.community.channel.web.ChatView.Message;
import ai.tock.community.content.Content;
import ai.tock.community.content.Story;
import ai.tock.community.content.StoryKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat page as visitors use it, in a real browser: Debian's Chromium, headless, driven by
 * Playwright (pointed at the system browser: nothing is downloaded), with axe-core from npm for
 * accessibility. The bot runs on a loopback port; two more loopback origins stand for other sites,
 * one allowed by BOT_ALLOWED_ORIGINS and one not. Every wait is on a page event or a DOM condition.
 */
class ChatPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    private static final Path AXE = Path.of(System.getProperty("axe.script", "target/axe/package/axe.min.js"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
    private static final int[] DESKTOP = {1280, 800};
    private static final int[] PHONE = {390, 844};
    private static final String PUBLISHED_PAGE = "https://doc.tock.ai/tock/fr/about/community/#";
    private static final String SNIPPET_ORIGIN = "https://community-bot.example.org";
    private static final Content CONTENT = TestContent.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    // Records when the first message shows, for the report: a figure, not a timed assertion.
    private static final String WELCOME_CLOCK = "new MutationObserver((changes, observer) => {"
            + " if (document.querySelector('[aria-live] li')) { window.welcomeShownAt = performance.now(); observer.disconnect(); }"
            + " }).observe(document, {childList: true, subtree: true});";

    private static BotRuntime bot;
    private static Path dataDir;
    private static String botOrigin;
    private static HttpServer docsSite;
    private static HttpServer otherSite;
    private static Playwright playwright;
    private static Browser chromium;
    private static PageChecks checks;

    private BrowserContext context;
    private final List<String> leftLoopback = new CopyOnWriteArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": install Debian's (apt-get install chromium; .ci/run does it), or give -Dchromium.path=");
        assertTrue(Files.isRegularFile(AXE), "no axe-core at " + AXE + ": the build fetches it from npm (generate-test-resources)");
        checks = new PageChecks(AXE);
        // Two other sites on loopback: the page that embeds the README's snippet, one allowed and one not.
        docsSite = site();
        otherSite = site();
        int port = TestContent.freePort();
        botOrigin = "http://127.0.0.1:" + port;
        dataDir = Files.createTempDirectory("browser-test-data");
        bot = BotRuntime.start(BotSettings.fromEnvironment(Map.of("PORT", Integer.toString(port),
                "BOT_DATA_DIR", dataDir.toString(), "BOT_ALLOWED_ORIGINS", origin(docsSite))), CONTENT);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (playwright != null) {
            playwright.close(); // closes the browser too
        }
        if (bot != null) {
            bot.close();
        }
        if (docsSite != null) {
            docsSite.stop(0);
            otherSite.stop(0);
        }
    }

    @AfterEach
    void closeBrowserContext() {
        if (context != null) {
            context.close();
        }
        assertEquals(List.of(), leftLoopback, "the page asked for something outside 127.0.0.1");
        assertEquals(List.of(), pageErrors, "errors in the page's scripts");
    }

    @Test
    void a_french_visitor_is_welcomed_then_answered_with_sources_and_finds_the_conversation_after_a_reload() throws IOException {
        Page page = open("fr-FR", DESKTOP);
        ChatView chat = welcomed(page, botOrigin + "/", "main", "desktop, French");
        assertEquals(shownText(CONTENT.story("greetings").orElseThrow(), Locale.FRENCH), chat.botMessages().get(0).text());
        assertWelcomeTopics(chat.suggestions(), Locale.FRENCH);

        chat.ask("où est le gitter ?");
        chat.waitForBotMessages(2);
        Message gitter = chat.botMessages().get(1);
        assertTrue(gitter.links().contains(new Link("https://gitter.im/tockchat/Lobby", "le salon Gitter Lobby")), gitter.toString());
        assertEquals(new Link(PUBLISHED_PAGE + "rejoindre-la-communaute-gitter",
                "page Communauté, section « Rejoindre la communauté (Gitter) »"), gitter.lastLink());
        assertTrue(gitter.text().endsWith("Source : page Communauté, section « Rejoindre la communauté (Gitter) »"), gitter.text());

        chat.choose("Contribuer");
        chat.waitForBotMessages(3);
        assertEquals(new Link(PUBLISHED_PAGE + "code-contribution-github",
                "page Communauté, section « Code & Contribution (GitHub) »"), chat.botMessages().get(2).lastLink());

        // The page as the visitor has it now: answers with links, suggestions, and the vote buttons.
        checks.assertNoSeriousViolation(page, "the French page at 1280x800 with a conversation");
        checks.assertAnswerLinksReadable(page, "main");
        assertVotesNamedInWords(page, "👍 Utile", "👎 Pas utile");
        PageChecks.assertCentredAndReadable(page);
        PageChecks.assertNoSidewaysScrolling(page);
        screenshot(page, "chat-desktop-fr.png");

        chat.choose("👍 Utile");
        chat.waitForBotMessages(4);
        assertEquals(shownText(CONTENT.only(StoryKind.FEEDBACK), Locale.FRENCH), chat.botMessages().get(3).text());
        assertVoteRecorded("up", "contribute", "Contribuer");

        List<Message> before = chat.conversation();
        List<Request> sent = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().equals(botOrigin + "/web")) {
                sent.add(request);
            }
        });
        page.reload();
        chat.waitForMessages(before.size());
        assertEquals(before, chat.conversation(), "the reload shows the same conversation");
        assertEquals(List.of(), sent, "no second welcome is asked for");
    }

    @Test
    void an_english_visitor_on_a_phone_reads_everything_without_scrolling_sideways_then_switches_to_french() {
        Page page = open("en-US", PHONE);
        ChatView chat = welcomed(page, botOrigin + "/", "main", "phone, English");
        assertEquals(shownText(CONTENT.story("greetings").orElseThrow(), Locale.ENGLISH), chat.botMessages().get(0).text());
        assertWelcomeTopics(chat.suggestions(), Locale.ENGLISH);
        PageChecks.assertHeaderOnOneLine(page);
        PageChecks.assertNoSidewaysScrolling(page);

        chat.ask("what licence is Tock under?");
        chat.waitForBotMessages(2);
        Message licence = chat.botMessages().get(1);
        assertEquals(new Link(PUBLISHED_PAGE + "code-contribution-github",
                "Community page, section \u201cCode & Contribution (GitHub)\u201d"), licence.lastLink());
        assertTrue(licence.text().contains("Source: Community page"), licence.text());
        PageChecks.assertHeaderOnOneLine(page);
        PageChecks.assertNoSidewaysScrolling(page);
        checks.assertNoSeriousViolation(page, "the English page at 390x844 with a conversation");
        checks.assertAnswerLinksReadable(page, "main");
        assertVotesNamedInWords(page, "👍 Helpful", "👎 Not helpful");
        screenshot(page, "chat-phone-en.png");

        // French chosen: a new conversation, welcomed in French, the page's language with it.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("FR, français").setExact(true)).click();
        chat.waitForMessages(1);
        chat.waitForBotMessages(1);
        assertEquals(shownText(CONTENT.story("greetings").orElseThrow(), Locale.FRENCH), chat.botMessages().get(0).text());
        assertEquals("fr", page.evaluate("document.documentElement.lang"));
        chat.ask("c koi le tosit ?");
        chat.waitForBotMessages(2);
        assertEquals(new Link(PUBLISHED_PAGE + "association-tosit", "page Communauté, section « Association TOSIT »"),
                chat.botMessages().get(1).lastLink());
        PageChecks.assertHeaderOnOneLine(page);
        PageChecks.assertNoSidewaysScrolling(page);
        checks.assertNoSeriousViolation(page, "the French page at 390x844 with a conversation");
        screenshot(page, "chat-phone-fr.png");
    }

    @Test
    void a_visitor_with_only_a_keyboard_asks_chooses_a_suggestion_votes_and_starts_afresh() throws IOException {
        Page page = open("en-US", DESKTOP);
        ChatView chat = welcomed(page, botOrigin + "/", "main", "desktop, English");

        tabUntil(page, "Tab", "e => e.matches('main form input')");
        page.keyboard().type("where is the gitter?");
        page.keyboard().press("Enter");
        chat.waitForBotMessages(2);
        assertEquals(true, page.evaluate("document.activeElement.matches('main form input')"), "the field keeps the focus");

        // Back from the field: the suggestions come first, then the answer's links.
        tabUntil(page, "Shift+Tab", "e => e.innerText === 'Contribute'");
        assertEquals(true, page.evaluate("getComputedStyle(document.activeElement).outlineStyle !== 'none'"),
                "the focused suggestion shows it");
        page.keyboard().press("Enter");
        chat.waitForBotMessages(3);
        assertEquals(true, page.evaluate("document.activeElement.matches('main form input')"),
                "after a suggestion, the focus is back in the field");
        List<String> path = tabUntil(page, "Shift+Tab", "e => e.matches('main [aria-live] li a[href^=\"" + PUBLISHED_PAGE + "\"]')");
        assertTrue(path.stream().anyMatch(p -> p.startsWith("button: 👍 Helpful")), "the votes were on the way: " + path);
        screenshot(page, "chat-desktop-en.png");

        tabUntil(page, "Tab", "e => e.innerText === '👍 Helpful'");
        page.keyboard().press(" ");
        chat.waitForBotMessages(4);
        assertEquals(shownText(CONTENT.only(StoryKind.FEEDBACK), Locale.ENGLISH), chat.botMessages().get(3).text());
        assertVoteRecorded("up", "contribute", "Contribute");

        // The bin: a new conversation, with its welcome.
        tabUntil(page, "Tab", "e => e.matches('main form button') && e.querySelector('svg[aria-label=\"Clear the conversation\"]')");
        page.keyboard().press("Enter");
        chat.waitForMessages(1);
        chat.waitForBotMessages(1);
        assertEquals(shownText(CONTENT.story("greetings").orElseThrow(), Locale.ENGLISH), chat.botMessages().get(0).text());
        checks.assertNoSeriousViolation(page, "the English page at 1280x800, started afresh");
    }

    @Test
    void a_question_sent_before_the_welcome_arrives_is_answered_after_it() {
        Page page = open("en-US", DESKTOP);
        List<Route> heldWelcome = new CopyOnWriteArrayList<>();
        // The welcome's request is held here, as a slow network would hold it; the rest goes through.
        page.route(botOrigin + "/web", route -> {
            if (heldWelcome.isEmpty()) {
                heldWelcome.add(route);
            } else {
                route.resume();
            }
        });
        page.navigate(botOrigin + "/");
        page.waitForCondition(() -> !heldWelcome.isEmpty());
        ChatView chat = new ChatView(page, "main");
        chat.ask("what licence is Tock under?");
        heldWelcome.get(0).resume();
        chat.waitForBotMessages(2);

        List<Message> conversation = chat.conversation();
        assertEquals(3, conversation.size(), conversation.toString());
        assertEquals(shownText(CONTENT.story("greetings").orElseThrow(), Locale.ENGLISH), conversation.get(0).text());
        assertEquals(new Message("visitor", "what licence is Tock under?", List.of()), conversation.get(1));
        assertEquals(shownText(CONTENT.story("licence").orElseThrow(), Locale.ENGLISH), conversation.get(2).text());
    }

    @Test
    void the_readme_snippet_puts_the_chat_on_a_site_allowed_by_BOT_ALLOWED_ORIGINS() {
        Page page = open("fr-FR", DESKTOP);
        List<String> allowedOrigins = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.url().equals(botOrigin + "/web")) {
                allowedOrigins.add(String.valueOf(response.headers().get("access-control-allow-origin")));
            }
        });
        ChatView chat = welcomed(page, origin(docsSite) + "/", "#tock-community-chat", "another site, French");
        assertEquals(shownText(CONTENT.story("greetings").orElseThrow(), Locale.FRENCH), chat.botMessages().get(0).text());
        chat.ask("c koi TOSIT");
        chat.waitForBotMessages(2);
        Message tosit = chat.botMessages().get(1);
        assertTrue(tosit.links().contains(new Link("http://tosit.fr/", "le site du TOSIT")), tosit.toString());
        assertEquals(PUBLISHED_PAGE + "association-tosit", tosit.lastLink().href());
        assertEquals(List.of(origin(docsSite), origin(docsSite)), allowedOrigins, "the bot allowed the site, by name");
        assertEquals("en", page.evaluate("document.documentElement.lang"), "the site's own language is left alone");
        checks.assertNoSeriousViolation(page, "a page of another site with the chat");
        checks.assertAnswerLinksReadable(page, "#tock-community-chat");
        screenshot(page, "chat-embedded.png");
    }

    @Test
    void a_site_left_out_of_BOT_ALLOWED_ORIGINS_gets_no_answer() {
        Page page = open("fr-FR", DESKTOP);
        List<String> failed = new CopyOnWriteArrayList<>();
        page.onRequestFailed(request -> {
            if (request.url().equals(botOrigin + "/web")) {
                failed.add(request.failure());
            }
        });
        page.navigate(origin(otherSite) + "/");
        page.waitForCondition(() -> !failed.isEmpty());
        assertEquals(List.of(), new ChatView(page, "#tock-community-chat").conversation(), "the browser kept the bot's answer from the page");
        // The widget leaves its refused request's error unhandled: expected here, and only here.
        page.waitForCondition(() -> pageErrors.stream().anyMatch(e -> e.contains("Failed to fetch")));
        pageErrors.removeIf(e -> e.contains("Failed to fetch"));
    }

    @Test
    void the_conversation_kept_in_the_browser_is_bounded_in_messages_and_in_age() {
        Page page = open("en-US", DESKTOP);
        ChatView chat = welcomed(page, origin(docsSite) + "/short-memory", "#tock-community-chat", "another site, English");
        int bot = 1;
        for (String question : List.of("what licence is Tock under?", "where is the gitter?", "what is TOSIT?")) {
            chat.ask(question);
            chat.waitForBotMessages(++bot);
        }
        List<Message> all = chat.conversation();
        assertEquals(7, all.size(), all.toString());

        page.reload();
        chat.waitForMessages(4);
        assertEquals(all.subList(3, 7), chat.conversation(), "the last 4 messages (data-history-messages=\"4\")");

        // More than an hour (data-history-hours="1") after the visitor's last message: forgotten, welcomed anew.
        page.evaluate("localStorage.setItem('tock-community_lastActivity', String(Date.now() - 61 * 60 * 1000))");
        page.reload();
        chat.waitForBotMessages(1);
        assertEquals(List.of(shownText(CONTENT.story("greetings").orElseThrow(), Locale.ENGLISH)),
                chat.conversation().stream().map(Message::text).toList());
    }

    private Page open(String locale, int[] size) {
        boolean phone = size == PHONE;
        context = chromium.newContext(new Browser.NewContextOptions().setLocale(locale)
                .setViewportSize(size[0], size[1]).setIsMobile(phone).setHasTouch(phone).setDeviceScaleFactor(phone ? 2 : 1));
        context.setDefaultTimeout(20_000); // a hang guard, not a speed check
        context.addInitScript(WELCOME_CLOCK);
        context.onRequest(request -> {
            String host = URI.create(request.url()).getHost();
            if (host != null && !host.equals("127.0.0.1")) {
                leftLoopback.add(request.url());
            }
        });
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        return page;
    }

    /** Presses {@code key} until the focused element matches {@code predicate}; returns what was focused on the way. */
    private static List<String> tabUntil(Page page, String key, String predicate) {
        List<String> visited = new ArrayList<>();
        for (int presses = 0; presses < 40; presses++) {
            page.keyboard().press(key);
            visited.add((String) page.evaluate("(() => { const e = document.activeElement;"
                    + " return e.tagName.toLowerCase() + ': ' + (e.innerText || e.getAttribute('aria-label') || e.getAttribute('href') || '').trim(); })()"));
            if (Boolean.TRUE.equals(page.evaluate("!!(" + predicate + ")(document.activeElement)"))) {
                return visited;
            }
        }
        throw new AssertionError("never reached with " + key + " (" + predicate + "): " + visited);
    }

    private static void assertWelcomeTopics(List<String> suggestions, Locale language) {
        List<String> topicTitles = CONTENT.topics().stream().map(s -> s.title().in(language)).toList();
        List<String> topics = suggestions.stream().filter(topicTitles::contains).toList();
        assertTrue(topics.size() >= 4 && topics.size() <= 6, "4 to 6 topics to start with: " + suggestions);
        List<String> others = suggestions.stream().filter(s -> !topicTitles.contains(s)).toList();
        assertEquals(List.of(CONTENT.only(StoryKind.MENU).title().in(language)), others, "and the list of all topics");
    }

    private static void assertVotesNamedInWords(Page page, String up, String down) {
        for (String name : List.of(up, down)) {
            // The name a screen reader gets, as the browser computes it: the emoji and a word.
            assertEquals(1, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).count(), name);
            assertTrue(name.matches("\\S+ \\p{L}.*"), name);
        }
    }

    private void assertVoteRecorded(String vote, String intent, String question) throws IOException {
        List<JsonNode> votes = new ArrayList<>();
        for (String line : Files.readAllLines(dataDir.resolve("feedback.jsonl"), StandardCharsets.UTF_8)) {
            votes.add(JSON.readTree(line));
        }
        assertTrue(votes.stream().anyMatch(v -> v.path("vote").asText().equals(vote) && v.path("intent").asText().equals(intent)
                && v.path("question").asText().equals(question)), votes.toString());
    }

    /** Opens {@code url} and waits for the chat drawn in {@code root} to show its welcome. */
    private static ChatView welcomed(Page page, String url, String root, String where) {
        page.navigate(url);
        ChatView chat = new ChatView(page, root);
        chat.waitForBotMessages(1);
        reportWelcomeTime(page, where);
        return chat;
    }

    /** When the welcome showed, and where the time went (the browser's own timings): printed, not asserted. */
    private static void reportWelcomeTime(Page page, String where) {
        Object report = page.evaluate("""
                () => {
                  const page = performance.getEntriesByType('navigation')[0];
                  const widget = performance.getEntriesByType('resource').find(e => e.name.endsWith('/tock-react-kit.js'));
                  const opening = performance.getEntriesByType('resource').find(e => e.name.endsWith('/web'));
                  return 'welcome shown ' + Math.round(window.welcomeShownAt) + ' ms after the navigation started (page '
                    + Math.round(page.responseEnd) + ' ms, widget script ' + Math.round(widget.responseEnd) + ' ms, scripts run '
                    + Math.round(page.domContentLoadedEventEnd) + ' ms, welcome asked ' + Math.round(opening.startTime)
                    + ' ms and answered ' + Math.round(opening.responseEnd) + ' ms)';
                }""");
        System.out.println(report + ", " + where);
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    }

    /** A story's answer as the page shows it: the text of its HTML, spaces made plain and single. */
    private static String shownText(Story story, Locale language) {
        String html = story.answerIn(language);
        String text = html.replaceAll("<br>", " ").replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
    }

    private static HttpServer site() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String snippet = readmeSnippet().replace(SNIPPET_ORIGIN, botOrigin);
            if (path.equals("/short-memory")) {
                snippet = snippet.replace("data-container=\"tock-community-chat\"",
                        "data-container=\"tock-community-chat\" data-history-messages=\"4\" data-history-hours=\"1\"");
            } else if (!path.equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">"
                    + "<title>Tock documentation</title></head><body><main><h1>Tock documentation</h1>"
                    + "<p>A page of another site, with the bot's chat.</p>" + snippet + "</main></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The README's HTML snippet for other sites, as written there. */
    private static String readmeSnippet() {
        try {
            String readme = Files.readString(Path.of("README.md"));
            Matcher block = Pattern.compile("```html\\n(.*?)```", Pattern.DOTALL).matcher(readme);
            List<String> snippets = new ArrayList<>();
            while (block.find()) {
                snippets.add(block.group(1));
            }
            List<String> withChat = snippets.stream().filter(s -> s.contains("/chat.js")).collect(Collectors.toList());
            assertEquals(1, withChat.size(), "one snippet for other sites in the README");
            return withChat.get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
