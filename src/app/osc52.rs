//! The clipboard over SSH: OSC 52 asks the user's terminal (not the
//! server) to set its clipboard. Pure: builds the bytes, the terminal layer
//! writes them.

pub use crate::domain::text::base64;

/// The escape sequence that puts `text` on the clipboard. Base64 keeps the
/// payload inert whatever the text holds.
pub fn sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), enc);
        }
        assert_eq!(sequence("a@b"), "\x1b]52;c;YUBi\x07");
    }
}
