//! WAV headers for raw PCM, shown in [`crate::audio`]: a module of its own
//! so that byte streams (`ByteStream::save_wav`) write them without
//! depending on the audio of event streams.

use crate::error::Error;

/// A raw PCM sample encoding, as named by the API's `response_encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PcmEncoding {
    /// `pcm_f32le`: 32-bit IEEE float, little-endian.
    F32Le,
    /// `pcm_s16le`: signed 16-bit integer, little-endian.
    S16Le,
    /// `pcm_mulaw`: 8-bit G.711 mu-law.
    MuLaw,
    /// `pcm_alaw`: 8-bit G.711 A-law.
    ALaw,
}

impl PcmEncoding {
    /// The encoding for an API name (`pcm_s16le`...).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "pcm_f32le" => Self::F32Le,
            "pcm_s16le" => Self::S16Le,
            "pcm_mulaw" => Self::MuLaw,
            "pcm_alaw" => Self::ALaw,
            _ => return None,
        })
    }

    /// Bits in one sample.
    pub fn bits_per_sample(self) -> u16 {
        match self {
            Self::F32Le => 32,
            Self::S16Le => 16,
            Self::MuLaw | Self::ALaw => 8,
        }
    }

    /// The WAV `wFormatTag`.
    fn format_tag(self) -> u16 {
        match self {
            Self::S16Le => 1, // WAVE_FORMAT_PCM
            Self::F32Le => 3, // WAVE_FORMAT_IEEE_FLOAT
            Self::ALaw => 6,  // WAVE_FORMAT_ALAW
            Self::MuLaw => 7, // WAVE_FORMAT_MULAW
        }
    }
}

/// The shape of raw PCM audio, to write a WAV header for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WavFormat {
    /// Sample encoding.
    pub encoding: PcmEncoding,
    /// Samples per second, per channel.
    pub sample_rate: u32,
    /// Interleaved channels (the API's speech is mono).
    pub channels: u16,
}

impl WavFormat {
    /// Mono audio in `encoding` at `sample_rate`.
    pub fn new(encoding: PcmEncoding, sample_rate: u32) -> Self {
        WavFormat { encoding, sample_rate, channels: 1 }
    }

    /// From the request's `response_encoding` and `sample_rate` values (the
    /// rate is a number in some versions of the spec, an integer in others).
    pub fn from_request(encoding: &str, sample_rate: f64) -> Result<Self, Error> {
        let encoding = PcmEncoding::from_name(encoding)
            .ok_or_else(|| Error::InvalidRequest(format!("no WAV header for the encoding `{encoding}`")))?;
        if !(sample_rate >= 1.0 && sample_rate <= f64::from(u32::MAX) && sample_rate.fract() == 0.0) {
            return Err(Error::InvalidRequest(format!("invalid sample rate {sample_rate}")));
        }
        Ok(Self::new(encoding, sample_rate as u32))
    }

    /// Bytes per sample frame (all channels).
    pub fn block_align(&self) -> u16 {
        self.channels * self.encoding.bits_per_sample() / 8
    }

    /// The header for `data_len` bytes of samples: a 16-byte `fmt ` chunk for
    /// integer PCM; for float and G.711, an 18-byte one and the `fact` chunk
    /// (sample frame count) the format requires of non-PCM data.
    pub fn header(&self, data_len: u32) -> Vec<u8> {
        let pcm = self.encoding == PcmEncoding::S16Le;
        let fmt_len: u32 = if pcm { 16 } else { 18 };
        let fact_len: u32 = if pcm { 0 } else { 12 };
        let padded = data_len.saturating_add(data_len % 2);
        let riff_len = (4 + 8 + fmt_len + fact_len + 8).saturating_add(padded);
        let block_align = self.block_align();
        let mut h = Vec::with_capacity(58);
        h.extend_from_slice(b"RIFF");
        h.extend_from_slice(&riff_len.to_le_bytes());
        h.extend_from_slice(b"WAVEfmt ");
        h.extend_from_slice(&fmt_len.to_le_bytes());
        h.extend_from_slice(&self.encoding.format_tag().to_le_bytes());
        h.extend_from_slice(&self.channels.to_le_bytes());
        h.extend_from_slice(&self.sample_rate.to_le_bytes());
        h.extend_from_slice(&(self.sample_rate * u32::from(block_align)).to_le_bytes());
        h.extend_from_slice(&block_align.to_le_bytes());
        h.extend_from_slice(&self.encoding.bits_per_sample().to_le_bytes());
        if !pcm {
            h.extend_from_slice(&0u16.to_le_bytes()); // cbSize: no extension
            h.extend_from_slice(b"fact");
            h.extend_from_slice(&4u32.to_le_bytes());
            h.extend_from_slice(&(data_len / u32::from(block_align.max(1))).to_le_bytes());
        }
        h.extend_from_slice(b"data");
        h.extend_from_slice(&data_len.to_le_bytes());
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(h: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([h[at], h[at + 1]])
    }
    fn u32_at(h: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(h[at..at + 4].try_into().unwrap())
    }

    #[test]
    fn s16_header_is_the_canonical_44_bytes() {
        let h = WavFormat::new(PcmEncoding::S16Le, 22_050).header(1000);
        assert_eq!(h.len(), 44);
        assert_eq!(&h[0..4], b"RIFF");
        assert_eq!(u32_at(&h, 4), 36 + 1000);
        assert_eq!(&h[8..16], b"WAVEfmt ");
        assert_eq!(u32_at(&h, 16), 16);
        assert_eq!(u16_at(&h, 20), 1, "PCM");
        assert_eq!(u16_at(&h, 22), 1, "mono");
        assert_eq!(u32_at(&h, 24), 22_050);
        assert_eq!(u32_at(&h, 28), 44_100, "byte rate");
        assert_eq!(u16_at(&h, 32), 2, "block align");
        assert_eq!(u16_at(&h, 34), 16);
        assert_eq!(&h[36..40], b"data");
        assert_eq!(u32_at(&h, 40), 1000);
    }

    #[test]
    fn float_and_g711_headers_carry_a_fact_chunk() {
        for (name, tag, bits, rate) in
            [("pcm_f32le", 3, 32, 44_100), ("pcm_alaw", 6, 8, 8_000), ("pcm_mulaw", 7, 8, 16_000)]
        {
            let format = WavFormat::from_request(name, f64::from(rate)).unwrap();
            let h = format.header(800);
            assert_eq!(h.len(), 58, "{name}");
            assert_eq!(u32_at(&h, 4), 50 + 800);
            assert_eq!(u32_at(&h, 16), 18);
            assert_eq!(u16_at(&h, 20), tag);
            assert_eq!(u32_at(&h, 24), rate);
            assert_eq!(u32_at(&h, 28), rate * u32::from(bits) / 8);
            assert_eq!(u16_at(&h, 34), bits);
            assert_eq!(u16_at(&h, 36), 0, "cbSize");
            assert_eq!(&h[38..42], b"fact");
            assert_eq!(u32_at(&h, 46), 800 / (u32::from(bits) / 8), "sample frames");
            assert_eq!(&h[50..54], b"data");
            assert_eq!(u32_at(&h, 54), 800);
        }
    }

    #[test]
    fn odd_lengths_are_padded_in_the_riff_size() {
        let h = WavFormat::new(PcmEncoding::MuLaw, 8000).header(7);
        assert_eq!(u32_at(&h, 4), 50 + 8);
        assert_eq!(u32_at(&h, 54), 7);
    }

    #[test]
    fn unknown_encodings_and_rates_are_refused() {
        assert!(WavFormat::from_request("mp3", 44_100.0).is_err());
        assert!(WavFormat::from_request("pcm_s16le", 0.0).is_err());
        assert!(WavFormat::from_request("pcm_s16le", 44_100.5).is_err());
        assert_eq!(WavFormat::from_request("pcm_s16le", 24_000.0).unwrap().sample_rate, 24_000);
    }
}
