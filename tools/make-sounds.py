#!/usr/bin/env python3
"""Synthesize Rutas's sound cues into assets/sounds/.

Every cue is made here from sine waves and seeded noise, so the sounds belong to the project
(CC0-1.0, see assets/sounds/LICENSE). The noise is seeded, so a rerun on the same Python and
libm writes the same bytes.
Standard library only: run `python3 tools/make-sounds.py [OUT_DIR]`.

The cues are for a classroom: soft attacks, no harsh high partials, short, and every file
peaks near -6 dBFS (the step, heard once per space walked, a little lower) so that the game's
volume setting starts from a sensible level. Each sound begins and ends at exactly zero with a
raised-cosine fade, and its mean is removed, so nothing clicks and there is no DC offset.
"""

import math
import os
import random
import struct
import sys
import wave

RATE = 22050  # Hz; mono 16-bit. Enough bandwidth for these cues and keeps each file small.
MAX_BYTES = 60 * 1024


def db_to_gain(db):
    return 10.0 ** (db / 20.0)


def silence(seconds):
    return [0.0] * int(round(seconds * RATE))


def mix_into(dst, src, at_seconds, gain=1.0):
    """Adds src to dst starting at at_seconds, growing dst if needed."""
    start = int(round(at_seconds * RATE))
    if start + len(src) > len(dst):
        dst.extend([0.0] * (start + len(src) - len(dst)))
    for i, v in enumerate(src):
        dst[start + i] += gain * v


def tone(freqs, seconds, attack, decay_tau, phase=0.0):
    """A sine whose frequency follows freqs(t) (Hz), with a raised-cosine attack and an
    exponential decay: a soft mallet or bell partial."""
    out = []
    n = int(round(seconds * RATE))
    for i in range(n):
        t = i / RATE
        phase += 2.0 * math.pi * freqs(t) / RATE
        env = math.exp(-t / decay_tau) if decay_tau else 1.0
        if t < attack:
            env *= 0.5 - 0.5 * math.cos(math.pi * t / attack)
        out.append(env * math.sin(phase))
    return out


class Svf:
    """Zavalishin's trapezoidal state-variable filter: stable at any cutoff, so the cutoff
    can sweep sample by sample (the card's swish)."""

    def __init__(self):
        self.ic1 = 0.0
        self.ic2 = 0.0

    def band(self, x, cutoff, q):
        g = math.tan(math.pi * min(cutoff, RATE * 0.45) / RATE)
        k = 1.0 / q
        a1 = 1.0 / (1.0 + g * (g + k))
        a2 = g * a1
        a3 = g * a2
        v3 = x - self.ic2
        v1 = a1 * self.ic1 + a2 * v3
        v2 = self.ic2 + a2 * self.ic1 + a3 * v3
        self.ic1 = 2.0 * v1 - self.ic1
        self.ic2 = 2.0 * v2 - self.ic2
        return v1


def lowpass(samples, cutoff):
    a = 1.0 - math.exp(-2.0 * math.pi * cutoff / RATE)
    y = 0.0
    out = []
    for x in samples:
        y += a * (x - y)
        out.append(y)
    return out


def dc_block(samples, corner=20.0):
    """A one-pole high-pass well below anything audible: removes DC without the constant
    offset that subtracting the mean would leave in the quiet parts."""
    r = 1.0 - 2.0 * math.pi * corner / RATE
    out = []
    x1 = y1 = 0.0
    for x in samples:
        y1 = x - x1 + r * y1
        x1 = x
        out.append(y1)
    return out


def finish(samples, peak_db=-6.0, fade_in=0.002, fade_out=0.02):
    """Blocks DC, fades both ends to exactly zero and scales to the peak level."""
    s = dc_block(samples)
    n_in = max(2, int(fade_in * RATE))
    n_out = max(2, int(fade_out * RATE))
    for i in range(n_in):
        s[i] *= 0.5 - 0.5 * math.cos(math.pi * i / n_in)
    for i in range(n_out):
        s[len(s) - 1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / n_out)
    # A short transient keeps a little net area after the high-pass; take it out with a smooth
    # Hann-shaped bump (sub-audio for these lengths) so the mean is zero and the ends stay zero.
    window = [0.5 - 0.5 * math.cos(2.0 * math.pi * i / (len(s) - 1)) for i in range(len(s))]
    offset = sum(s) / sum(window)
    s = [v - offset * w for v, w in zip(s, window)]
    peak = max(abs(v) for v in s)
    gain = db_to_gain(peak_db) / peak
    return [v * gain for v in s]


# --- The cues --------------------------------------------------------------------------------


def make_dice():
    """Two dice rattling and settling: short filtered-noise knocks with a small wooden
    resonance, the bounces coming closer together and quieter. A gentle saturation keeps the
    loudest knocks from dwarfing the rest, so the rattle is heard at the same volume setting
    as the tonal cues."""
    rng = random.Random(1001)
    out = []
    for die in range(2):
        t = rng.uniform(0.0, 0.02) + 0.012 * die
        gap = rng.uniform(0.05, 0.065)
        amp = 1.0
        while t < 0.36 and amp > 0.1:
            knock = []
            svf = Svf()
            centre = rng.uniform(1600.0, 2800.0)
            body = rng.uniform(800.0, 1400.0)
            for i in range(int(0.02 * RATE)):
                tt = i / RATE
                noise = rng.uniform(-1.0, 1.0) * math.exp(-tt / 0.003)
                v = svf.band(noise, centre, 2.5) * 1.6
                v += 0.45 * math.sin(2.0 * math.pi * body * tt) * math.exp(-tt / 0.006)
                knock.append(v)
            mix_into(out, knock, t, amp * rng.uniform(0.7, 1.0))
            t += gap * rng.uniform(0.8, 1.2)
            gap *= 0.86
            amp *= 0.82
    out.extend(silence(0.02))
    peak = max(abs(v) for v in out)
    out = [math.tanh(2.5 * v / peak) for v in out]
    return finish(lowpass(lowpass(out, 6000.0), 6000.0), fade_out=0.02)


def make_step():
    """A soft wooden tick for each space the token walks: a short sine that drops in pitch."""
    s = tone(lambda t: 760.0 + 340.0 * math.exp(-t / 0.01), 0.07, 0.001, 0.012)
    rng = random.Random(1002)
    click = lowpass([rng.uniform(-1.0, 1.0) * math.exp(-i / (0.0015 * RATE))
                     for i in range(int(0.01 * RATE))], 2500.0)
    mix_into(s, click, 0.0, 0.25)
    return finish(s, peak_db=-8.0, fade_in=0.001, fade_out=0.02)


def make_card():
    """A card turned over: a quick swish of noise whose band sweeps up and back down, then a
    light flap as the card lands. The band stays below 2.5 kHz so it is not a hiss."""
    rng = random.Random(1003)
    swish = 0.16
    svf = Svf()
    out = []
    for i in range(int(swish * RATE)):
        t = i / (swish * RATE)  # 0..1
        cutoff = 600.0 + 1800.0 * math.sin(math.pi * t)
        env = math.sin(math.pi * t) ** 1.5
        out.append(env * svf.band(rng.uniform(-1.0, 1.0), cutoff, 1.5))
    out.extend(silence(0.09))
    flap = tone(lambda t: 300.0, 0.06, 0.002, 0.012)
    thud = [rng.uniform(-1.0, 1.0) * (1.0 - math.exp(-i / (0.0005 * RATE)))
            * math.exp(-i / (0.004 * RATE)) for i in range(int(0.03 * RATE))]
    flap_noise = lowpass(lowpass(thud, 1500.0), 1500.0)
    mix_into(out, flap, 0.15, 0.3)
    mix_into(out, flap_noise, 0.15, 0.8)
    return finish(lowpass(out, 4500.0), fade_in=0.005, fade_out=0.03)


def mallet(freq, seconds, decay_tau):
    """A soft mallet note: the fundamental with a little of the octave and twelfth."""
    s = tone(lambda t: freq, seconds, 0.01, decay_tau)
    for ratio, amp, tau in ((2.0, 0.22, decay_tau * 0.5), (3.0, 0.06, decay_tau * 0.3)):
        mix_into(s, tone(lambda t, f=freq * ratio: f, seconds, 0.01, tau), 0.0, amp)
    return s


def make_reveal():
    """The answer is shown: a gentle rising fifth (C5 then G5)."""
    out = silence(0.7)
    mix_into(out, mallet(523.25, 0.7, 0.22), 0.0, 0.8)
    mix_into(out, mallet(783.99, 0.55, 0.22), 0.14, 1.0)
    return finish(out, fade_in=0.003, fade_out=0.08)


def make_chime():
    """The discussion timer: one soft bell (E5). Bell-like inharmonic partials, but the upper
    ones are quiet and die fast so the chime is never harsh; a slightly detuned twin of the
    fundamental gives a slow shimmer."""
    f0 = 659.25
    seconds = 1.2
    out = silence(seconds)
    partials = (
        (1.0, 1.0, 0.55),
        (1.004, 0.5, 0.55),
        (2.0, 0.28, 0.3),
        (2.76, 0.12, 0.18),
        (4.07, 0.04, 0.1),
        (5.4, 0.015, 0.06),
    )
    for ratio, amp, tau in partials:
        mix_into(out, tone(lambda t, f=f0 * ratio: f, seconds, 0.008, tau), 0.0, amp)
    return finish(out, fade_in=0.004, fade_out=0.2)


def make_points():
    """Points scored: a small bright blip that glides up a fifth."""
    s = tone(lambda t: 660.0 + 330.0 * min(t / 0.05, 1.0), 0.2, 0.004, 0.06)
    mix_into(s, tone(lambda t: 2.0 * (660.0 + 330.0 * min(t / 0.05, 1.0)), 0.2, 0.004, 0.03),
             0.0, 0.15)
    return finish(s, fade_in=0.002, fade_out=0.04)


def make_pause():
    """A team goes to the pause corner, or the game is paused: a calm low tone (G3) that
    swells in and fades away. Its harmonics let laptop speakers, which cannot play 196 Hz
    well, still carry it."""
    f0 = 196.0
    seconds = 0.8
    out = silence(seconds)
    for ratio, amp in ((1.0, 1.0), (2.0, 0.5), (3.0, 0.22), (4.0, 0.08)):
        mix_into(out, tone(lambda t, f=f0 * ratio: f, seconds, 0.09, 0.5 / ratio ** 0.5), 0.0, amp)
    return finish(out, fade_in=0.01, fade_out=0.25)


CUES = (
    ("dice", make_dice),
    ("step", make_step),
    ("card", make_card),
    ("reveal", make_reveal),
    ("chime", make_chime),
    ("points", make_points),
    ("pause", make_pause),
)


def write_wav(path, samples):
    frames = b"".join(struct.pack("<h", max(-32767, min(32767, int(round(v * 32767.0)))))
                      for v in samples)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = argv[1] if len(argv) > 1 else os.path.join(here, "..", "assets", "sounds")
    os.makedirs(out_dir, exist_ok=True)
    ok = True
    for name, make in CUES:
        samples = make()
        path = os.path.join(out_dir, name + ".wav")
        write_wav(path, samples)
        size = os.path.getsize(path)
        peak = max(abs(v) for v in samples)
        print("%-7s %5.3f s %6d bytes peak %5.1f dBFS" %
              (name, len(samples) / RATE, size, 20.0 * math.log10(peak)))
        if size > MAX_BYTES:
            print("make-sounds: %s is larger than %d bytes" % (path, MAX_BYTES), file=sys.stderr)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
