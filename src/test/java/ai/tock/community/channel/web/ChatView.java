package ai.tock.community.channel.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;

/**
 * The chat as a visitor sees it in a browser page: the messages of the conversation (the widget's
 * list items: a bot's holds its answer's HTML in an inner element, a visitor's holds text), the
 * suggestions under them, and the question field. Every wait is on the page's DOM, never on time.
 */
final class ChatView {

    /** A link of a message: where it goes and what it says. */
    record Link(String href, String text) {
    }

    /** One message: "bot" or "visitor", its text as shown (spaces made plain and single), its links. */
    record Message(String author, String text, List<Link> links) {

        Link lastLink() {
            return links.get(links.size() - 1);
        }
    }

    private static final String MESSAGES = """
            root => [...document.querySelectorAll(root + ' [aria-live] > ul > li')].map(li => {
              const answer = li.querySelector(':scope > div > div');
              return {
                author: answer ? 'bot' : 'visitor',
                text: (answer || li).innerText.replace(/\\s+/g, ' ').trim(),
                links: answer ? [...answer.querySelectorAll('a')]
                    .map(a => ({href: a.href, text: a.innerText.replace(/\\s+/g, ' ').trim()})) : []
              };
            })""";
    // The bot's turn is on screen: its messages, no "typing" bubble left, and the suggestions drawn (maybe none).
    private static final String BOT_TURN_SHOWN = """
            ([root, count]) => [...document.querySelectorAll(root + ' [aria-live] > ul > li')]
                .filter(li => li.querySelector(':scope > div > div')).length >= count
              && !document.querySelector(root + ' [aria-live] > ul > div')
              && document.querySelector(root + ' [aria-live] > div') !== null""";
    private static final String MESSAGE_COUNT = """
            ([root, count]) => document.querySelectorAll(root + ' [aria-live] > ul > li').length === count""";
    private static final String SUGGESTIONS = "root => [...document.querySelectorAll(root + ' [aria-live] > div li button')].map(b => b.innerText.trim())";

    private final Page page;
    private final String root;

    /** @param root the CSS selector of the element the chat is drawn in */
    ChatView(Page page, String root) {
        this.page = page;
        this.root = root;
    }

    String root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    List<Message> conversation() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) page.evaluate(MESSAGES, root);
        return raw.stream().map(m -> new Message((String) m.get("author"), (String) m.get("text"),
                ((List<Map<String, Object>>) m.get("links")).stream()
                        .map(l -> new Link((String) l.get("href"), (String) l.get("text"))).toList())).toList();
    }

    List<Message> botMessages() {
        return conversation().stream().filter(m -> m.author().equals("bot")).toList();
    }

    @SuppressWarnings("unchecked")
    List<String> suggestions() {
        return (List<String>) page.evaluate(SUGGESTIONS, root);
    }

    /** Waits until the bot has said {@code count} messages, and the suggestions of the last are shown. */
    void waitForBotMessages(int count) {
        page.waitForFunction(BOT_TURN_SHOWN, List.of(root, count));
    }

    /** Waits until exactly {@code count} messages are on screen (a restored conversation). */
    void waitForMessages(int count) {
        page.waitForFunction(MESSAGE_COUNT, List.of(root, count));
    }

    void ask(String question) {
        page.locator(root + " form input").fill(question);
        page.locator(root + " form input").press("Enter");
    }

    /** Clicks the suggestion named exactly {@code title}. */
    void choose(String title) {
        page.locator(root).getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName(title).setExact(true)).click();
    }
}
