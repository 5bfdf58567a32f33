package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A chat message cut into clauses, without what a terminal, a log or a link adds, and its asking clause found. */
class MessagePartsTest {

    @Test
    void greeting_context_and_question_are_clauses_and_the_question_asks() {
        MessageParts parts = MessageParts.of("Hi! We use Tock at work and I'm new. Where is the roadmap? Thanks in advance");
        assertEquals(List.of("Hi!", "We use Tock at work and I'm new.", "Where is the roadmap?", "Thanks in advance"), parts.clauses());
        assertEquals(2, parts.asked(), "the last clause with a question mark");
    }

    @Test
    void without_a_question_mark_the_last_clause_with_a_request_word_asks() {
        MessageParts parts = MessageParts.of("Bonjour, je cherche le lien du salon, merci bien");
        assertEquals(List.of("Bonjour", "je cherche le lien du salon", "merci bien"), parts.clauses());
        assertEquals(1, parts.asked());
    }

    @Test
    void code_commands_log_lines_and_links_are_not_words_of_a_question() {
        MessageParts parts = MessageParts.of("ERROR [main-thread-1] com.example.Foo - java.lang.IllegalStateException: boom."
                + " `docker compose up` fails, see https://example.org/log.txt: where do I report it?");
        assertEquals("where do I report it?", parts.clauses().get(parts.asked()), parts.clauses().toString());
        String body = parts.body();
        for (String noise : List.of("IllegalStateException", "docker compose", "https", "main-thread-1", "ERROR")) {
            assertEquals(-1, body.indexOf(noise), noise + " in " + body);
        }
    }

    @Test
    void a_message_of_code_only_has_no_clause() {
        assertEquals(List.of(), MessageParts.of("`rm -rf /` https://example.org").clauses());
        assertEquals("", MessageParts.of("```\nSELECT 1;\n```").body());
    }

    @Test
    void dropping_clauses_keeps_track_of_the_asking_one() {
        MessageParts parts = MessageParts.of("Hello, I'm a dev, where is the code? cheers").without(Set.of(0, 3));
        assertEquals(List.of("I'm a dev", "where is the code?"), parts.clauses());
        assertEquals("where is the code?", parts.askingFrom(parts.asked()));
        assertEquals("I'm a dev, where is the code?", parts.askingFrom(0));
    }
}
