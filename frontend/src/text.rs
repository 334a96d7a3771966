//! Words for numbers: counts that agree with their noun, and option letters.

/// `1 question`, `2 questions`, `0 questions`.
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// `A`, `B`, … `Z`, then `AA`, `AB`, … : the letter of option `index`
/// (guides name quick-check options by letter, and explanations refer to them).
pub fn letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "question", "questions"), "1 question");
        assert_eq!(count(2, "question", "questions"), "2 questions");
        assert_eq!(count(0, "stage", "stages"), "0 stages");
        assert_eq!(count(1usize, "quick check", "quick checks"), "1 quick check");
    }

    #[test]
    fn letters_name_options() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(3), "D");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }
}
