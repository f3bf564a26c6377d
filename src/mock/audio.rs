//! Real audio for the speech operation: a tone in any of the API's PCM
//! encodings, wrapped as WAV, bare, or as silent MP3 frames.

use crate::wav::{PcmEncoding, WavFormat};

/// Frequency of the generated tone, in hertz.
pub(crate) const TONE_HZ: f64 = 440.0;
/// Length of the generated audio, in milliseconds.
pub(crate) const DURATION_MS: u32 = 500;

/// What a speech request asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Speech {
    pub encoding: PcmEncoding,
    pub sample_rate: u32,
}

impl Speech {
    /// From the request body (`response_encoding`, `sample_rate`), with the API's defaults.
    pub fn from_request(body: &serde_json::Value) -> Speech {
        let encoding =
            body["response_encoding"].as_str().and_then(PcmEncoding::from_name).unwrap_or(PcmEncoding::F32Le);
        let sample_rate = body["sample_rate"].as_f64().filter(|r| *r >= 1.0 && *r <= 384_000.0).unwrap_or(44_100.0);
        Speech { encoding, sample_rate: sample_rate as u32 }
    }

    /// The tone as bare PCM: `sample_rate * DURATION_MS / 1000` samples.
    pub fn pcm(&self) -> Vec<u8> {
        let samples = (u64::from(self.sample_rate) * u64::from(DURATION_MS) / 1000) as usize;
        let mut out = Vec::with_capacity(samples * 4);
        for i in 0..samples {
            let t = i as f64 / f64::from(self.sample_rate);
            let x = (2.0 * std::f64::consts::PI * TONE_HZ * t).sin() * 0.5;
            match self.encoding {
                PcmEncoding::F32Le => out.extend_from_slice(&(x as f32).to_le_bytes()),
                PcmEncoding::S16Le => out.extend_from_slice(&((x * 32767.0) as i16).to_le_bytes()),
                PcmEncoding::MuLaw => out.push(mulaw((x * 32767.0) as i16)),
                PcmEncoding::ALaw => out.push(alaw((x * 32767.0) as i16)),
            }
        }
        out
    }

    /// The tone as a WAV file.
    pub fn wav(&self) -> Vec<u8> {
        let pcm = self.pcm();
        let mut out = WavFormat::new(self.encoding, self.sample_rate).header(pcm.len() as u32);
        out.extend_from_slice(&pcm);
        if pcm.len() % 2 == 1 {
            out.push(0);
        }
        out
    }
}

/// G.711 mu-law.
fn mulaw(sample: i16) -> u8 {
    let mut s = i32::from(sample);
    let sign = if s < 0 {
        s = -s;
        0x80
    } else {
        0
    };
    s = s.min(32_635) + 0x84;
    let mut exponent = 7;
    let mut mask = 0x4000;
    while exponent > 0 && s & mask == 0 {
        exponent -= 1;
        mask >>= 1;
    }
    let mantissa = (s >> (exponent + 3)) & 0x0F;
    !((sign | (exponent << 4) | mantissa) as u8)
}

/// G.711 A-law.
fn alaw(sample: i16) -> u8 {
    let mut s = i32::from(sample) >> 3;
    let sign = if s >= 0 {
        0x80
    } else {
        s = -s - 1;
        0
    };
    let mut exponent = 0;
    let mut v = s >> 4;
    while v > 0 && exponent < 7 {
        exponent += 1;
        v >>= 1;
    }
    let mantissa = if exponent == 0 { (s >> 1) & 0x0F } else { (s >> exponent) & 0x0F };
    ((sign | (exponent << 4) | mantissa) as u8) ^ 0x55
}

/// A few silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono): 417
/// bytes each, header then zeroed side information and data.
pub(crate) fn mp3_silence(frames: usize) -> Vec<u8> {
    // 0xFFFB: sync, MPEG-1, Layer III, no CRC; 0x90: 128 kbit/s, 44.1 kHz, no padding; 0xC4: mono.
    const HEADER: [u8; 4] = [0xFF, 0xFB, 0x90, 0xC4];
    const FRAME_LEN: usize = 144 * 128_000 / 44_100;
    let mut out = Vec::with_capacity(frames * FRAME_LEN);
    for _ in 0..frames {
        out.extend_from_slice(&HEADER);
        out.resize(out.len() + FRAME_LEN - HEADER.len(), 0);
    }
    out
}
