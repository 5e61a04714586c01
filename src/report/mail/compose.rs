//! One message as it goes out: built by `lettre`, which encodes and folds
//! the headers (RFC 2047, RFC 5322) so nothing from the store reaches a
//! header raw. Addresses must be plain `local@domain` besides: a name or
//! an address carrying a line break is cleaned or refused before lettre
//! sees it.

use super::locale::one_line;
pub use crate::domain::directory::valid_address;
use crate::domain::model::Language;
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use lettre::message::header::{
    ContentTransferEncoding, ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0,
};
use lettre::message::{Body, Mailbox};

/// A name and a plain address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    pub name: String,
    pub address: String,
}

impl Addressee {
    /// `address` must be plain (see [`valid_address`]); the name is
    /// cleaned to one line.
    pub fn new(name: &str, address: &str) -> Result<Addressee> {
        if !valid_address(address) {
            bail!("{:?} is not a plain e-mail address", one_line(address));
        }
        Ok(Addressee {
            name: one_line(name),
            address: address.to_string(),
        })
    }

    fn mailbox(&self) -> Result<Mailbox> {
        let address = self
            .address
            .parse()
            .with_context(|| format!("{:?} is not an e-mail address", self.address))?;
        let name = (!self.name.is_empty()).then(|| self.name.clone());
        Ok(Mailbox::new(name, address))
    }
}

/// "UNTOC review secretariat <untoc.review@example.org>" or a bare address.
pub fn parse_sender(s: &str) -> Result<Addressee> {
    let s = s.trim();
    match s.rsplit_once('<') {
        Some((name, rest)) => {
            let Some(addr) = rest.strip_suffix('>') else {
                bail!("{:?} is not \"Name <address>\" or an address", one_line(s));
            };
            Addressee::new(name.trim().trim_matches('"'), addr)
        }
        None => Addressee::new("", s),
    }
}

/// Everything one message says.
#[derive(Debug, Clone)]
pub struct Draft {
    pub lang: Language,
    pub from: Addressee,
    pub to: Vec<Addressee>,
    pub cc: Vec<Addressee>,
    pub subject: String,
    /// Plain text with `\n` line ends (made CRLF on the wire).
    pub body: String,
    /// `<…@domain>`, chosen by the caller so it can be logged.
    pub message_id: String,
    pub date: DateTime<Utc>,
}

impl Draft {
    /// The message, ready for a transport or a file.
    pub fn build(&self) -> Result<lettre::Message> {
        let mut b = lettre::Message::builder().from(self.from.mailbox()?);
        for a in &self.to {
            b = b.to(a.mailbox()?);
        }
        for a in &self.cc {
            b = b.cc(a.mailbox()?);
        }
        let content_language = HeaderName::new_from_ascii_str("Content-Language");
        b = b
            .subject(one_line(&self.subject))
            .date(self.date.into())
            .message_id(Some(self.message_id.clone()))
            .raw_header(HeaderValue::new(
                content_language,
                self.lang.as_str().to_string(),
            ))
            .header(MIME_VERSION_1_0)
            .header(ContentType::TEXT_PLAIN);
        b.body(body(&self.body))
            .context("the message could not be built")
    }

    /// The whole message as it would be sent (CRLF line ends).
    pub fn formatted(&self) -> Result<Vec<u8>> {
        Ok(self.build()?.formatted())
    }
}

/// UTF-8 as it is (8bit, RFC 6152) with CRLF line ends, readable in any
/// mail file; lettre's own choice (quoted-printable or base64) where a
/// line would pass RFC 5322's 998 octets. Lettre itself sends 8bit only
/// for lines under 76 octets, which Arabic, Chinese or Russian text of
/// 40 characters already passes.
fn body(text: &str) -> Body {
    let crlf = text.replace('\r', "").replace('\n', "\r\n");
    let fits = crlf.split("\r\n").all(|l| l.len() <= 998) && !crlf.contains('\0');
    if fits {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(text.replace('\r', ""))
    }
}

/// The domain of a Message-ID: the sender's.
pub fn id_domain(from: &Addressee) -> &str {
    from.address
        .split_once('@')
        .map_or("revdesk.invalid", |(_, d)| d)
}

/// Wraps text at `width` columns, keeping `indent` on continuation lines.
/// Lines break at spaces only, each as full as it can be (first fit, as a
/// reader of plain-text mail expects), and a word longer than a line stays
/// whole (an address or a link must not be cut, "Timor-Leste" neither).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let text = text.trim_start_matches(' ');
    let opts = textwrap::Options::new(width.max(1))
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, opts).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_indents_and_keeps_long_words_whole() {
        // "aaa bbb" is 7 columns; "ccc" goes on, after the indent.
        assert_eq!(wrap("aaa bbb ccc", 7, "  "), "aaa bbb\n  ccc");
        assert_eq!(wrap("aaa bbb ccc", 80, "  "), "aaa bbb ccc");
        assert_eq!(
            wrap("see https://un.example/a/long/path now", 10, ""),
            "see\nhttps://un.example/a/long/path\nnow"
        );
        assert_eq!(
            wrap("Saint Kitts and Nevis, Timor-Leste", 30, ""),
            "Saint Kitts and Nevis,\nTimor-Leste"
        );
        // Wide characters count two columns: "日本" is 4.
        assert_eq!(wrap("日本 日本 日本", 9, ""), "日本 日本\n日本");
    }

    fn draft() -> Draft {
        Draft {
            lang: Language::Fr,
            from: parse_sender("Secrétariat <untoc.review@un.example>").unwrap(),
            to: vec![
                Addressee::new("Eve\r\nBcc: attacker@evil.example", "eve@aut.example").unwrap(),
            ],
            cc: vec![Addressee::new("Mission", "mission@aut.example").unwrap()],
            subject: "Rappel : x\r\nBcc: y@evil.example".into(),
            body: "Madame, Monsieur,\n\nÉchéance : 29 février 2024.\n".into(),
            message_id: "<reminder.AUT.saq.1.20240229.1@un.example>".into(),
            date: "2024-02-29T09:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn headers_are_encoded_and_cannot_be_injected() {
        let text = String::from_utf8(draft().formatted().unwrap()).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.is_ascii(), "{head}");
        assert!(!head.contains("\r\nBcc:"), "{head}");
        assert!(head.contains("Content-Language: fr\r\n"), "{head}");
        assert!(
            head.contains("Message-ID: <reminder.AUT.saq.1.20240229.1@un.example>\r\n"),
            "{head}"
        );
        assert!(
            head.contains("Cc: Mission <mission@aut.example>\r\n"),
            "{head}"
        );
        assert!(
            head.ends_with("\r\nContent-Transfer-Encoding: 8bit"),
            "{head}"
        );
        assert!(
            head.contains("Date: Thu, 29 Feb 2024 09:00:00 +0000\r\n"),
            "{head}"
        );
        assert_eq!(
            body,
            "Madame, Monsieur,\r\n\r\nÉchéance : 29 février 2024.\r\n"
        );
    }

    #[test]
    fn addresses_are_plain_or_refused() {
        assert!(valid_address("fp.aut@bmeia.gv.at"));
        for bad in [
            "a@b.c\r\nBcc: x@evil.example",
            "a@b",
            "a b@c.d",
            "<a@b.c>",
            "a@@b.c",
            "\"a\"@b.c",
            "a@b.c\n",
            "",
        ] {
            assert!(!valid_address(bad), "{bad:?}");
            assert!(Addressee::new("X", bad).is_err());
        }
        assert_eq!(
            parse_sender("UNTOC review secretariat <untoc.review@example.org>").unwrap(),
            Addressee {
                name: "UNTOC review secretariat".into(),
                address: "untoc.review@example.org".into()
            }
        );
        assert!(parse_sender("x <a@b.example").is_err());
    }
}
