package ai.tock.community.engine;

import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.BotDefinitionBase;
import ai.tock.bot.definition.DefinitionBuildersKt;
import ai.tock.bot.definition.EventListenerBase;
import ai.tock.bot.connector.web.WebBuildersKt;
import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.connector.web.send.Button;
import ai.tock.bot.definition.StoryDefinition;
import ai.tock.bot.engine.BotBus;
import ai.tock.bot.engine.nlp.NlpCallStats;
import ai.tock.community.content.Content;
import ai.tock.community.content.Story;
import ai.tock.community.content.StoryKind;
import ai.tock.translator.RawString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;

/**
 * The bot, in one place: one Tock story per story file, plus the stories for the classifier's
 * other outcomes (two questions, "did you mean…?", not on the page, off-topic).
 */
public final class CommunityBot {

    public static final String BOT_ID = "tock-community-bot";
    public static final String NAMESPACE = "community";

    private final Content content;

    public CommunityBot(Content content) {
        this.content = content;
    }

    public BotDefinition definition() {
        List<StoryDefinition> stories = new ArrayList<>();
        for (Story story : content.stories()) {
            switch (story.kind()) {
                case TOPIC, SMALLTALK -> stories.add(story(story.intent(), bus -> answer(bus, story)));
                case MENU -> stories.add(story(story.intent(), bus -> menu(bus, story)));
                case UNSURE -> stories.add(story(SpecialIntents.DID_YOU_MEAN, bus -> didYouMean(bus, story)));
                case NOT_ON_PAGE -> stories.add(story(SpecialIntents.NOT_ON_PAGE, bus -> plain(bus, story)));
                case FALLBACK -> { } // becomes the unknown story below
            }
        }
        stories.add(story(SpecialIntents.TWO_QUESTIONS, this::twoQuestions));
        Story fallback = content.only(StoryKind.FALLBACK);
        StoryDefinition unknown = story(SpecialIntents.UNKNOWN, bus -> plain(bus, fallback));
        return bot(stories, unknown);
    }

    private void answer(BotBus bus, Story story) {
        List<String> related = story.related().stream().map(title(bus)).toList();
        reply(bus, story.answerIn(bus.getUserLocale()), related);
    }

    private void menu(BotBus bus, Story story) {
        List<String> topics = content.topics().stream().map(s -> s.title().in(bus.getUserLocale())).toList();
        reply(bus, story.answerIn(bus.getUserLocale()), topics);
    }

    private void didYouMean(BotBus bus, Story story) {
        List<String> closest = otherIntents(bus).keySet().stream().map(title(bus)).toList();
        reply(bus, story.answerIn(bus.getUserLocale()), closest);
    }

    private void plain(BotBus bus, Story story) {
        reply(bus, story.answerIn(bus.getUserLocale()), List.of(content.only(StoryKind.MENU).title().in(bus.getUserLocale())));
    }

    /** Each question gets its own answer, in the order asked; the last one ends the turn. */
    private void twoQuestions(BotBus bus) {
        List<Story> asked = otherIntents(bus).keySet().stream().flatMap(i -> content.story(i).stream()).toList();
        Locale locale = bus.getUserLocale();
        for (int i = 0; i < asked.size() - 1; i++) {
            bus.send(new RawString(asked.get(i).answerIn(locale)));
        }
        answer(bus, asked.get(asked.size() - 1));
    }

    private static void reply(BotBus bus, String html, List<String> suggestions) {
        if (suggestions.isEmpty()) {
            bus.end(new RawString(html));
        } else {
            bus.end(0L, b -> withQuickReplies(b, html, suggestions));
        }
    }

    /**
     * The web gets its message from Tock's web builders, as Tock's own stories do; any other channel
     * through its connector's {@code addSuggestions}. Raw strings: answers are not i18n keys.
     */
    private static Object withQuickReplies(BotBus bus, String html, List<String> suggestions) {
        if (WebConnectorKt.getWebConnectorType().equals(bus.getTargetConnectorType())) {
            List<Button> buttons = suggestions.stream()
                    .map(s -> WebBuildersKt.webNlpQuickReply(bus, new RawString(s), null, null, (String) null))
                    .toList();
            return WebBuildersKt.webMessage(bus, new RawString(html), buttons);
        }
        List<CharSequence> quickReplies = List.copyOf(suggestions);
        Object message = bus.getUnderlyingConnector().addSuggestions(html, quickReplies).invoke(bus);
        return message != null ? message : new RawString(html);
    }

    private static Map<String, Double> otherIntents(BotBus bus) {
        NlpCallStats stats = bus.nlpStats();
        return stats == null ? Map.of() : stats.getNlpResult().getOtherIntentsProbabilities();
    }

    private java.util.function.Function<String, String> title(BotBus bus) {
        return intent -> content.story(intent).map(s -> s.title().in(bus.getUserLocale())).orElse(intent);
    }

    private static StoryDefinition story(String intent, java.util.function.Consumer<BotBus> handler) {
        Function1<BotBus, Unit> kotlinHandler = bus -> {
            handler.accept(bus);
            return Unit.INSTANCE;
        };
        return DefinitionBuildersKt.story(intent, Set.of(), Set.of(), List.of(), null, kotlinHandler);
    }

    /** Tock's bot builder takes 16 arguments from Java; only the stories and the unknown story vary. */
    private static BotDefinition bot(List<StoryDefinition> stories, StoryDefinition unknown) {
        return DefinitionBuildersKt.bot(BOT_ID, stories, NAMESPACE, BOT_ID, unknown,
                null, null, null, null, null, null, null,
                new EventListenerBase(), BotDefinitionBase.Companion.getDefaultKeywordStory(), null, action -> Unit.INSTANCE);
    }
}
