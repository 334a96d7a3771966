//! [`ClientMessage`] written as JSON by hand, for the browser's room pages
//! (the candidate's room, the timed mock, the console): serde's derived
//! writer of the message with serde_json's serializer was about 3 KB of WASM
//! in the module those pages share, for a handful of small objects. The
//! tests hold the output to serde's, byte for byte, for every variant; the
//! server reads messages with serde as before.

use std::fmt::Write;

use crate::room::ClientMessage;

impl ClientMessage {
    /// The message as serde_json writes it: `{"type":"answer","question":0,"text":"…"}`.
    pub fn to_json(&self) -> String {
        use ClientMessage::*;
        let mut out = Json::new();
        out.text("type", self.type_name());
        match self {
            RevealNext | TimerStart | TimerPause | TimerResume | Submit | Finish | Ping | Resync => &mut out,
            Hello { version } => out.num("version", *version as u64),
            TimerExtend { seconds } => out.num("seconds", *seconds as u64),
            GoTo { question } | StartQuestion { question } | SubmitAnswer { question } => {
                out.num("question", *question as u64)
            }
            Reveal { question, stage } | Hide { question, stage } => {
                out.num("question", *question as u64).num("stage", *stage as u64)
            }
            Answer { question, text } | Note { question, text } => {
                out.num("question", *question as u64).text("text", text)
            }
            AnswerLanguage { question, language } => out.num("question", *question as u64).text("language", language),
            QuickCheck {
                question,
                check,
                option,
            } => out
                .num("question", *question as u64)
                .num("check", *check as u64)
                .num("option", *option as u64),
            Score {
                question,
                dimension,
                level,
            }
            | SelfScore {
                question,
                dimension,
                level,
            } => out
                .num("question", *question as u64)
                .num("dimension", *dimension as u64)
                .num("level", *level as u64),
            Recommend { value } => out.text("value", value.as_str()),
        }
        .end()
    }

    /// The `type` serde writes (the variant's name in snake case).
    fn type_name(&self) -> &'static str {
        use ClientMessage::*;
        match self {
            Hello { .. } => "hello",
            RevealNext => "reveal_next",
            Reveal { .. } => "reveal",
            Hide { .. } => "hide",
            GoTo { .. } => "go_to",
            TimerStart => "timer_start",
            TimerPause => "timer_pause",
            TimerResume => "timer_resume",
            TimerExtend { .. } => "timer_extend",
            Answer { .. } => "answer",
            AnswerLanguage { .. } => "answer_language",
            QuickCheck { .. } => "quick_check",
            Score { .. } => "score",
            Note { .. } => "note",
            Recommend { .. } => "recommend",
            Submit => "submit",
            StartQuestion { .. } => "start_question",
            SubmitAnswer { .. } => "submit_answer",
            SelfScore { .. } => "self_score",
            Finish => "finish",
            Ping => "ping",
            Resync => "resync",
        }
    }
}

/// An object being written, its keys in the order they are added.
struct Json(String);

impl Json {
    fn new() -> Json {
        Json(String::from("{"))
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        string(&mut self.0, key);
        self.0.push(':');
    }

    fn num(&mut self, key: &str, value: u64) -> &mut Json {
        self.key(key);
        let _ = write!(self.0, "{value}");
        self
    }

    fn text(&mut self, key: &str, value: &str) -> &mut Json {
        self.key(key);
        string(&mut self.0, value);
        self
    }

    fn end(&mut self) -> String {
        self.0.push('}');
        std::mem::take(&mut self.0)
    }
}

/// A JSON string, escaped as serde_json escapes it: the quote, the
/// backslash and the control characters (short forms where JSON has them,
/// `\u00XX` in lower-case hex otherwise); everything else as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use crate::room::{ClientMessage, Recommendation};

    /// Every variant, and text that needs every kind of escaping.
    fn every_message() -> Vec<ClientMessage> {
        let awkward: String = (0u8..0x80).map(char::from).chain("é ✓ 𝄞 \u{2028}".chars()).collect();
        let mut all = vec![
            ClientMessage::Hello { version: 2 },
            ClientMessage::RevealNext,
            ClientMessage::Reveal { question: 1, stage: 3 },
            ClientMessage::Hide {
                question: 0,
                stage: usize::MAX,
            },
            ClientMessage::GoTo { question: 7 },
            ClientMessage::TimerStart,
            ClientMessage::TimerPause,
            ClientMessage::TimerResume,
            ClientMessage::TimerExtend { seconds: u32::MAX },
            ClientMessage::Answer {
                question: 0,
                text: awkward.clone(),
            },
            ClientMessage::Answer {
                question: 2,
                text: String::new(),
            },
            ClientMessage::AnswerLanguage {
                question: 1,
                language: "python".into(),
            },
            ClientMessage::QuickCheck {
                question: 1,
                check: 0,
                option: 2,
            },
            ClientMessage::Score {
                question: 0,
                dimension: 1,
                level: 255,
            },
            ClientMessage::Note {
                question: 3,
                text: awkward,
            },
            ClientMessage::Submit,
            ClientMessage::StartQuestion { question: 0 },
            ClientMessage::SubmitAnswer { question: 4 },
            ClientMessage::SelfScore {
                question: 1,
                dimension: 2,
                level: 3,
            },
            ClientMessage::Finish,
            ClientMessage::Ping,
            ClientMessage::Resync,
        ];
        for value in [
            Recommendation::StrongNo,
            Recommendation::No,
            Recommendation::Yes,
            Recommendation::StrongYes,
        ] {
            all.push(ClientMessage::Recommend { value });
        }
        all
    }

    #[test]
    fn messages_are_written_as_serde_writes_them() {
        for message in every_message() {
            let serde = serde_json::to_string(&message).expect("serde");
            assert_eq!(message.to_json(), serde);
            // And the server reads it back as the same message.
            assert_eq!(
                serde_json::from_str::<ClientMessage>(&message.to_json()).expect("reads"),
                message
            );
        }
    }

    #[test]
    fn every_variant_is_covered() {
        // A new variant must be added to `every_message` (and to `to_json`,
        // which the compiler already asks for).
        let names: std::collections::BTreeSet<String> = every_message()
            .iter()
            .map(|m| {
                serde_json::to_value(m).expect("serde")["type"]
                    .as_str()
                    .expect("tag")
                    .to_owned()
            })
            .collect();
        assert_eq!(names.len(), 22, "{names:?}");
    }
}
