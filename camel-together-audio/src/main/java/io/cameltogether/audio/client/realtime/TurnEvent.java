package io.cameltogether.audio.client.realtime;

/**
 * A turn-taking event some models send (Deepgram's on Together): a speaker started, ended (or probably ended,
 * {@code eager_end_of_turn}), or resumed a turn. Voice agents act on them; they are not transcripts.
 *
 * @param type                 the server event type, e.g. conversation.item.input_audio_transcription.end_of_turn
 * @param itemId               the turn's item id, if the server sent one
 * @param transcript           the turn's text so far, if the server sent one; otherwise empty
 * @param endOfTurnConfidence  how sure the model is that the turn ended (0 to 1), if the server said
 */
public record TurnEvent(String sessionId, String type, String itemId, String transcript, Double endOfTurnConfidence) {

    public TurnEvent {
        transcript = transcript == null ? "" : transcript;
    }
}
