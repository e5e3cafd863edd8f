#!/usr/bin/env bash
# Makes the MP3 fixtures of long-recording splitting from conversation.wav (espeak-ng speech, 16 kHz mono): the
# conversation over white noise at -50 dBFS, as a room or a phone line has a noise floor, encoded by LAME at the
# sample rates, channel counts and bitrate modes MP3 files come in. Needs sox and lame (apt-get install sox lame).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fixture() { # file rate channels lame-options...
  local file=$1 rate=$2 channels=$3
  shift 3
  if [ "$channels" = 2 ]; then
    sox conversation.wav -r "$rate" "$work/speech.wav" remix 1 1v0.7 # the second voice channel a little softer
  else
    sox conversation.wav -r "$rate" "$work/speech.wav"
  fi
  sox -R -n -r "$rate" -c "$channels" -b 16 "$work/noise.wav" synth "$(soxi -D "$work/speech.wav")" whitenoise \
    vol 0.00316
  sox -m -v 1 "$work/speech.wav" -v 1 "$work/noise.wav" "$work/noisy.wav"
  lame --quiet --resample "$(echo "scale=2; $rate / 1000" | bc)" "$@" "$work/noisy.wav" "$file"
}

fixture conversation-noise-cbr64.mp3 16000 1 -b 64 --cbr -m m                # MPEG-2, mono, constant bitrate
fixture conversation-noise-8k-vbr.mp3 8000 1 -V 5 -m m                       # MPEG-2.5, mono, variable bitrate
fixture conversation-noise-44k-stereo-vbr.mp3 44100 2 -V 7 -m j              # MPEG-1, joint stereo, variable
fixture conversation-noise-48k-stereo-cbr96.mp3 48000 2 -b 96 --cbr -m s     # MPEG-1, stereo, constant bitrate
