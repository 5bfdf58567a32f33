package ai.tock.community.operations;

import ai.tock.community.nlu.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** Reads each stream once; what it keeps is a summary per group of wordings, not the records. */
    public Report build(Stream<UnansweredLog.Entry> entries, Stream<FeedbackLog.Vote> votes) {
        Grouping grouping = new Grouping();
        entries.forEach(grouping::add);
        Map<String, TopicTally> tallies = new TreeMap<>();
        votes.forEach(v -> tallies.computeIfAbsent(v.intent(), TopicTally::new).add(v));
        List<TopicVotes> disliked = tallies.values().stream().map(TopicTally::votes).filter(t -> t.down() > 0)
                .sorted(Comparator.comparingInt(TopicVotes::down).reversed().thenComparing(TopicVotes::intent))
                .toList();
        return new Report(grouping.count, grouping.groups(), disliked);
    }

    /** Wordings sharing enough meaningful words with a group's first wording join that group. */
    private final class Grouping {
        private final List<Cluster> clusters = new ArrayList<>();
        // Groups by each of their words: a wording is only compared with the groups it shares a word with.
        private final Map<String, List<Cluster>> byWord = new HashMap<>();
        private int count;

        void add(UnansweredLog.Entry entry) {
            count++;
            Set<String> words = new HashSet<>(normalizer.contentTokens(entry.text()));
            // The oldest group that matches, as if every group were tried in order.
            Cluster home = words.stream().flatMap(w -> byWord.getOrDefault(w, List.of()).stream()).distinct()
                    .filter(c -> similarity(c.words, words) >= SAME_QUESTION).min(Comparator.comparingInt(c -> c.index))
                    .orElse(words.isEmpty() ? emptyCluster() : null);
            if (home == null) {
                home = new Cluster(clusters.size(), words);
                clusters.add(home);
                for (String word : words) {
                    byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(home);
                }
            }
            home.add(entry);
        }

        private Cluster emptyCluster() {
            return clusters.stream().filter(c -> c.words.isEmpty()).findFirst().orElse(null);
        }

        List<Group> groups() {
            return clusters.stream().map(Cluster::group).sorted(Comparator.comparingInt(Group::count).reversed()).toList();
        }
    }

    /** One group of wordings, summed up as it is read. */
    private static final class Cluster {
        private final int index;
        private final Set<String> words;
        private final Set<String> wordings = new LinkedHashSet<>();
        private final Map<String, Integer> languages = new TreeMap<>();
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private final Map<String, Integer> closestTopics = new LinkedHashMap<>();
        private int count;

        Cluster(int index, Set<String> words) {
            this.index = index;
            this.words = words;
        }

        void add(UnansweredLog.Entry entry) {
            count++;
            if (wordings.size() < EXAMPLES) {
                wordings.add(entry.text());
            }
            languages.merge(entry.language(), 1, Integer::sum);
            outcomes.merge(entry.outcome(), 1, Integer::sum);
            if (entry.closest() != null && !entry.closest().isEmpty()) {
                closestTopics.merge(entry.closest().get(0).intent(), 1, Integer::sum);
            }
        }

        Group group() {
            List<String> closest = closestTopics.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3).map(Map.Entry::getKey).toList();
            return new Group(count, List.copyOf(wordings), languages, outcomes, closest);
        }
    }

    /** One topic's votes, summed up as they are read. */
    private static final class TopicTally {
        private final String intent;
        private final Set<String> dislikedQuestions = new LinkedHashSet<>();
        private int down;
        private int up;

        TopicTally(String intent) {
            this.intent = intent;
        }

        void add(FeedbackLog.Vote vote) {
            if ("down".equals(vote.vote())) {
                down++;
                if (!vote.question().isBlank() && dislikedQuestions.size() < EXAMPLES) {
                    dislikedQuestions.add(vote.question());
                }
            } else if ("up".equals(vote.vote())) {
                up++;
            }
        }

        TopicVotes votes() {
            return new TopicVotes(intent, down, up, List.copyOf(dislikedQuestions));
        }
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


}
