package ai.tock.community.operations;

import ai.tock.community.nlu.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an operator reads to improve the stories: the unanswered questions grouped by similar wording,
 * most frequent first, and the topics users marked 👎 most often.
 */
public final class UnansweredReport {

    // Two wordings sharing this share of their meaningful words are one question asked twice.
    private static final double SAME_QUESTION = 0.5;
    private static final int EXAMPLES = 5;

    /** Questions asked in similar words. */
    public record Group(int count, List<String> wordings, Map<String, Integer> languages, Map<String, Integer> outcomes,
                        List<String> closestTopics) {
    }

    /** A topic's votes, most 👎 first. */
    public record TopicVotes(String intent, int down, int up, List<String> dislikedQuestions) {
    }

    public record Report(int unansweredCount, List<Group> unanswered, List<TopicVotes> mostDisliked) {
    }

    private final TextNormalizer normalizer = new TextNormalizer();

    public Report build(List<UnansweredLog.Entry> entries, List<FeedbackLog.Vote> votes) {
        return new Report(entries.size(), group(entries), disliked(votes));
    }

    private List<Group> group(List<UnansweredLog.Entry> entries) {
        record Cluster(Set<String> words, List<UnansweredLog.Entry> members) {
        }
        List<Cluster> clusters = new ArrayList<>();
        for (UnansweredLog.Entry entry : entries) {
            Set<String> words = new HashSet<>(normalizer.contentTokens(entry.text()));
            Cluster home = clusters.stream().filter(c -> similarity(c.words(), words) >= SAME_QUESTION).findFirst().orElse(null);
            if (home == null) {
                clusters.add(new Cluster(words, new ArrayList<>(List.of(entry))));
            } else {
                home.members().add(entry);
            }
        }
        return clusters.stream()
                .map(c -> new Group(c.members().size(),
                        c.members().stream().map(UnansweredLog.Entry::text).distinct().limit(EXAMPLES).toList(),
                        count(c.members().stream().map(UnansweredLog.Entry::language).toList()),
                        count(c.members().stream().map(UnansweredLog.Entry::outcome).toList()),
                        mostFrequent(c.members().stream().flatMap(e -> e.closest() == null ? java.util.stream.Stream.empty()
                                : e.closest().stream().limit(1)).map(UnansweredLog.Closest::intent).toList(), 3)))
                .sorted(Comparator.comparingInt(Group::count).reversed())
                .toList();
    }

    private static List<TopicVotes> disliked(List<FeedbackLog.Vote> votes) {
        Map<String, List<FeedbackLog.Vote>> byIntent = votes.stream().collect(Collectors.groupingBy(FeedbackLog.Vote::intent));
        return byIntent.entrySet().stream()
                .map(e -> new TopicVotes(e.getKey(),
                        (int) e.getValue().stream().filter(v -> "down".equals(v.vote())).count(),
                        (int) e.getValue().stream().filter(v -> "up".equals(v.vote())).count(),
                        e.getValue().stream().filter(v -> "down".equals(v.vote())).map(FeedbackLog.Vote::question)
                                .filter(q -> !q.isBlank()).distinct().limit(EXAMPLES).toList()))
                .filter(t -> t.down() > 0)
                .sorted(Comparator.comparingInt(TopicVotes::down).reversed().thenComparing(TopicVotes::intent))
                .toList();
    }

    /** The report as text, for the command line. */
    public static String asText(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(report.unansweredCount()).append(" unanswered questions in ").append(report.unanswered().size())
                .append(" groups, most frequent first\n");
        for (Group g : report.unanswered()) {
            out.append(String.format("%5d  %s  languages %s  %s  closest: %s%n", g.count(), quote(g.wordings().get(0)),
                    g.languages(), g.outcomes(), String.join(", ", g.closestTopics())));
            g.wordings().stream().skip(1).forEach(w -> out.append("         also: ").append(quote(w)).append('\n'));
        }
        out.append("\nTopics marked 👎 most often\n");
        if (report.mostDisliked().isEmpty()) {
            out.append("  (none)\n");
        }
        for (TopicVotes t : report.mostDisliked()) {
            out.append(String.format("%5d 👎 %4d 👍  %s%n", t.down(), t.up(), t.intent()));
            t.dislikedQuestions().forEach(q -> out.append("         asked: ").append(quote(q)).append('\n'));
        }
        return out.toString();
    }

    private static String quote(String text) {
        // One line per wording: control characters of user text must not break the listing.
        return "\"" + text.replaceAll("\\p{Cntrl}", " ") + "\"";
    }

    private static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        long shared = a.stream().filter(b::contains).count();
        return shared / (double) union.size();
    }

    private static Map<String, Integer> count(List<String> values) {
        Map<String, Integer> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    private static List<String> mostFrequent(List<String> values, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
