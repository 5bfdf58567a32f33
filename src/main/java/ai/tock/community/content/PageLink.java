package ai.tock.community.content;

/** A link of the community page: its label (markup removed) and its absolute URL. */
public record PageLink(String label, String url) {
}
