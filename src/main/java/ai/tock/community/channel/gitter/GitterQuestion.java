package ai.tock.community.channel.gitter;

/**
 * A message the bot should answer.
 *
 * @param senderName   how the asker is shown (display name, else the localpart of the user id)
 * @param text         the question as handed to Tock: mention prefix stripped, at most
 *                     {@link GitterEventFilter#MAX_QUESTION_LENGTH} characters
 * @param threadRootId the thread the answer goes to: the question's own thread, or the question itself
 */
record GitterQuestion(String roomId, String eventId, String sender, String senderName, String text, String threadRootId) {
}
