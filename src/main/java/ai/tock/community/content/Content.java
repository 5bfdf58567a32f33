package ai.tock.community.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the bot knows: the page and the stories checked against it.
 *
 * @param byIntent the same stories, by intent: looked up on every turn
 */
public record Content(CommunityPage page, List<Story> stories, Map<String, Story> byIntent) {

    public static Content of(CommunityPage page, List<Story> stories) {
        return new Content(page, List.copyOf(stories),
                Map.copyOf(stories.stream().collect(Collectors.toMap(Story::intent, Function.identity()))));
    }

    public Optional<Story> story(String intent) {
        return Optional.ofNullable(byIntent.get(intent));
    }

    public List<Story> topics() {
        return stories.stream().filter(Story::isTopic).toList();
    }

    public Story only(StoryKind kind) {
        return stories.stream().filter(s -> s.kind() == kind).findFirst()
                .orElseThrow(() -> new ContentException("no story of kind " + kind));
    }
}
