package ai.tock.community.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SharedHelpersTest {

    @Test
    void clipping_never_splits_an_emoji() {
        assertEquals("short", Texts.clip("short", 10));
        assertEquals("abc", Texts.clip("abcdef", 3));
        assertEquals("ab", Texts.clip("ab😀cd", 3)); // the emoji's two chars would be cut apart
        assertEquals("ab😀", Texts.clip("ab😀cd", 4));
    }
}
