package io.cameltogether.audio.client.subtitle;

/** One subtitle: shown from {@code start} to {@code end} seconds; {@code speaker} null unless diarized. */
record Cue(double start, double end, String speaker, String text) {
}
