#!/usr/bin/env bash
# Makes the call recordings of per-channel transcription: a phone call as contact-centre platforms record it, the
# agent (espeak-ng en-us) on the left channel and the customer (en-gb+f3) on the right, 8 kHz, each channel over a
# white-noise floor peaking at -66 dBFS (about -78 dBFS over its loudest 50 ms). The customer starts before the agent
# has finished (cross-talk). Turns, in seconds:
#   agent     0.3  "Thank you for calling Northwind, this is Sam, how can I help?"
#   customer  3.0  "Hi, I would like to change the address for my delivery."
#   agent     6.6  "Of course. What is the new address?"
#   customer  9.0  "Twelve Station Road, Leeds."
# call-stereo.wav is 16-bit PCM, call-stereo-ulaw.wav G.711 mu-law, call-agent-only.wav has the customer's channel
# silent but for the noise floor. Needs espeak-ng and sox (apt-get install espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say() { # out voice start-seconds text -> a mono 8 kHz track, silent up to the sentence
  local out=$1 voice=$2 start=$3 text=$4
  espeak-ng -v "$voice" -s 160 -w "$work/raw.wav" "$text"
  sox "$work/raw.wav" -r 8000 -b 16 "$out" norm -3 pad "$start"
}

say "$work/a1.wav" en-us 0.3 "Thank you for calling Northwind, this is Sam, how can I help?"
say "$work/a2.wav" en-us 6.6 "Of course. What is the new address?"
say "$work/c1.wav" en-gb+f3 3.0 "Hi, I would like to change the address for my delivery."
say "$work/c2.wav" en-gb+f3 9.0 "Twelve Station Road, Leeds."
sox -R -n -r 8000 -c 1 -b 16 "$work/noise.wav" synth 12 whitenoise vol 0.0005
sox -m -v 1 "$work/a1.wav" -v 1 "$work/a2.wav" -v 1 "$work/noise.wav" "$work/agent.wav"
sox -m -v 1 "$work/c1.wav" -v 1 "$work/c2.wav" -v 1 "$work/noise.wav" "$work/customer.wav"
sox -M "$work/agent.wav" "$work/customer.wav" -b 16 -e signed-integer call-stereo.wav
sox call-stereo.wav -e mu-law -b 8 call-stereo-ulaw.wav
sox -M "$work/agent.wav" "$work/noise.wav" -b 16 -e signed-integer call-agent-only.wav
