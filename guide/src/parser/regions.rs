//! What lies ahead of each line, computed once backwards so that deciding
//! where a question ends costs O(1) per heading (a guide with thousands of
//! `##` headings must not rescan the rest of the file for each).

use super::{is_quick_check_title, is_rubric_title, question_heading};
use crate::component::opening_name;
use crate::lines::{heading, is_rule, Line};

pub struct Lookahead {
    /// Per line: a question-shaped part (quick check, rubric, answer pair,
    /// quiz, code exercise) follows before the next question or `#` heading.
    marker_after: Vec<bool>,
    /// Per line: no question heading follows before the next `#` heading or
    /// the end, so the line is in the last question of its stretch.
    last_region: Vec<bool>,
    /// Per line: it is a question heading or a `#` heading.
    boundary: Vec<bool>,
    /// Per line: the nearest line above with text is a `---` rule.
    after_rule: Vec<bool>,
    /// Per line: a `##` heading right after a rule follows before the next
    /// question or `#` heading.
    ruled_section_after: Vec<bool>,
}

impl Lookahead {
    pub fn new(lines: &[Line<'_>]) -> Self {
        let n = lines.len();
        let mut after_rule = vec![false; n];
        let mut rule = false;
        for (i, line) in lines.iter().enumerate() {
            after_rule[i] = rule;
            if !line.text.trim().is_empty() {
                rule = is_rule(line);
            }
        }
        let (mut marker_after, mut last_region, mut boundary) = (vec![false; n], vec![false; n], vec![false; n]);
        let mut ruled_section_after = vec![false; n];
        let (mut marker, mut last, mut ruled) = (false, true, false);
        for i in (0..n).rev() {
            marker_after[i] = marker;
            last_region[i] = last;
            ruled_section_after[i] = ruled;
            let line = &lines[i];
            if let Some((level, title)) = heading(line) {
                if level == 1 {
                    (marker, last, ruled) = (false, true, false);
                    boundary[i] = true;
                } else if (2..=4).contains(&level) && question_heading(&title).is_some() {
                    (marker, last, ruled) = (false, false, false);
                    boundary[i] = true;
                } else if (2..=4).contains(&level) && (is_quick_check_title(&title) || is_rubric_title(&title)) {
                    marker = true;
                } else if level == 2 && after_rule[i] {
                    ruled = true;
                }
            } else if opening_name(line)
                .is_some_and(|name| matches!(name.as_str(), "JuniorVsSenior" | "InterviewQuiz" | "SmartCodeRunner"))
            {
                marker = true;
            }
        }
        Lookahead {
            marker_after,
            last_region,
            boundary,
            after_rule,
            ruled_section_after,
        }
    }

    pub fn marker_after(&self, index: usize) -> bool {
        self.marker_after.get(index).copied().unwrap_or(false)
    }

    pub fn in_last_region(&self, index: usize) -> bool {
        self.last_region.get(index).copied().unwrap_or(true)
    }

    pub fn after_rule(&self, index: usize) -> bool {
        self.after_rule.get(index).copied().unwrap_or(false)
    }

    pub fn ruled_section_after(&self, index: usize) -> bool {
        self.ruled_section_after.get(index).copied().unwrap_or(false)
    }

    /// The line is a question heading or a `#` heading.
    pub fn starts_region(&self, index: usize) -> bool {
        self.boundary.get(index).copied().unwrap_or(false)
    }
}
