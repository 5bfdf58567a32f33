package ai.tock.community.content;

/** The content under {@code stories/} cannot be used; the message names the file and the problem. */
public class ContentException extends RuntimeException {

    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
