//! The facts an editor and a VOD service want of a media file, read from ffprobe's JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Error;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// Playing time; `None` when the container does not say (a raw stream).
    pub duration_ms: Option<i64>,
    /// Of the first video stream; 0 for audio.
    pub width: u32,
    pub height: u32,
    /// ffprobe's codec names (`h264`, `hevc`, `aac`…).
    pub video_codec: Option<String>,
    pub audio_codec: Option<String>,
    /// Bits per second of the whole file; 0 when not known.
    pub bitrate: u64,
    /// Frames per second of the first video stream; 0 when not known.
    pub frame_rate: f64,
    pub audio_channels: u32,
    /// ffprobe's format name (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`…).
    pub container: String,
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// `25/1`, `30000/1001`: frames per second; `0/0` is "not known".
fn rate(v: &Value) -> Option<f64> {
    let (n, d) = v.as_str()?.split_once('/')?;
    let (n, d): (f64, f64) = (n.parse().ok()?, d.parse().ok()?);
    (d > 0.0 && n > 0.0).then(|| n / d)
}

impl MediaInfo {
    pub(crate) fn from_ffprobe(json: &[u8]) -> Result<MediaInfo, Error> {
        let v: Value = serde_json::from_slice(json)
            .map_err(|e| Error::Io(format!("ffprobe's answer is not JSON: {e}")))?;
        let streams = v["streams"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        let of_type = |t: &str| {
            streams.iter().find(|s| {
                // Cover art in a music file is a "video" stream of one picture: not the video.
                s["codec_type"] == t && s["disposition"]["attached_pic"].as_i64() != Some(1)
            })
        };
        let video = of_type("video");
        let audio = of_type("audio");
        if video.is_none() && audio.is_none() {
            return Err(Error::Unreadable("no audio or video in it".into()));
        }
        let format = &v["format"];
        let duration = number(&format["duration"])
            .or_else(|| video.and_then(|s| number(&s["duration"])))
            .or_else(|| audio.and_then(|s| number(&s["duration"])));
        let dim = |k: &str| video.and_then(|s| s[k].as_u64()).unwrap_or(0) as u32;
        let codec = |s: Option<&Value>| s.and_then(|s| s["codec_name"].as_str()).map(String::from);
        Ok(MediaInfo {
            duration_ms: duration
                .filter(|d| d.is_finite() && *d >= 0.0)
                .map(|d| (d * 1000.0).round() as i64),
            width: dim("width"),
            height: dim("height"),
            video_codec: codec(video),
            audio_codec: codec(audio),
            bitrate: number(&format["bit_rate"]).unwrap_or(0.0) as u64,
            frame_rate: video
                .and_then(|s| rate(&s["avg_frame_rate"]).or_else(|| rate(&s["r_frame_rate"])))
                .unwrap_or(0.0),
            audio_channels: audio.and_then(|s| s["channels"].as_u64()).unwrap_or(0) as u32,
            container: format["format_name"].as_str().unwrap_or("").to_string(),
        })
    }

    /// Whole seconds, rounded (what providers report as `duration`).
    pub fn seconds(&self) -> i64 {
        (self.duration_ms.unwrap_or(0) + 500) / 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ffprobe_answer_of_a_music_file_with_cover_art() {
        let json = br#"{"streams":[
            {"codec_type":"video","codec_name":"mjpeg","width":600,"height":600,
             "disposition":{"attached_pic":1}},
            {"codec_type":"audio","codec_name":"mp3","channels":2}],
          "format":{"duration":"61.5","bit_rate":"320000","format_name":"mp3"}}"#;
        let m = MediaInfo::from_ffprobe(json).unwrap();
        assert_eq!(m.duration_ms, Some(61_500));
        assert_eq!((m.width, m.height, m.video_codec.as_deref()), (0, 0, None));
        assert_eq!(m.audio_codec.as_deref(), Some("mp3"));
        assert_eq!((m.bitrate, m.audio_channels), (320_000, 2));
        assert_eq!(m.seconds(), 62);
    }

    #[test]
    fn no_streams_is_not_media() {
        let e = MediaInfo::from_ffprobe(br#"{"streams":[],"format":{}}"#).unwrap_err();
        assert!(matches!(e, Error::Unreadable(_)), "{e:?}");
        assert!(rate(&Value::from("0/0")).is_none());
        assert_eq!(
            rate(&Value::from("30000/1001")).map(|r| (r * 100.0).round()),
            Some(2997.0)
        );
    }
}
