package ai.tock.community.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedHelpersTest {

    @Test
    void the_least_recently_seen_entry_leaves_first() {
        Map<String, Integer> map = BoundedMaps.leastRecentlySeenFirst(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a"); // seen again: "b" is now the oldest
        map.put("c", 3);
        assertEquals(List.of("a", "c"), List.copyOf(map.keySet()));
        Map<String, Integer> shared = BoundedMaps.synchronizedLeastRecentlySeenFirst(1);
        shared.put("x", 1);
        shared.put("y", 2);
        assertEquals(Map.of("y", 2), Map.copyOf(shared));
    }

    @Test
    void clipping_never_splits_an_emoji() {
        assertEquals("short", Texts.clip("short", 10));
        assertEquals("abc", Texts.clip("abcdef", 3));
        assertEquals("ab", Texts.clip("ab😀cd", 3)); // the emoji's two chars would be cut apart
        assertEquals("ab😀", Texts.clip("ab😀cd", 4));
    }
}
