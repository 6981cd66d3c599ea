//! The text pipeline, the same for the marketer's terms and the visitor's
//! words: normalize → tokenize → stem → negation → match.

/// One word of analysed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word as written, lower-cased.
    pub word: String,
    /// The stem used for matching.
    pub stem: String,
    /// Governed by a negation cue ("не", "без", "no", "without"…).
    pub negated: bool,
    /// A stop word: never matches on its own.
    pub stop: bool,
}

/// Splits text into analysed tokens.
pub fn analyze(text: &str) -> Vec<Token> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let word = w.to_lowercase();
            Token {
                stem: word.clone(),
                word,
                negated: false,
                stop: false,
            }
        })
        .collect()
}

/// A phrase of the rules found in the visitor's tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The id given to [`TermIndex::add`].
    pub id: u32,
    /// Token range `start..end` of the visitor's words that matched.
    pub start: usize,
    pub end: usize,
    /// Matched through typo tolerance rather than exactly.
    pub fuzzy: bool,
    /// The visitor negated it: it must not count for its job.
    pub negated: bool,
}

/// Compiled phrases: stem sequences → ids. Lookup cost grows with the
/// visitor's words, not with the number of phrases.
#[derive(Default)]
pub struct TermIndex {
    phrases: Vec<(Vec<String>, u32)>,
}

impl TermIndex {
    /// Adds a phrase under `id`. Returns false when nothing of it can match
    /// (empty, or only stop words).
    pub fn add(&mut self, phrase: &str, id: u32) -> bool {
        let stems: Vec<String> = analyze(phrase).into_iter().map(|t| t.stem).collect();
        if stems.is_empty() {
            return false;
        }
        self.phrases.push((stems, id));
        true
    }

    /// Every phrase found in `tokens`.
    pub fn find(&self, tokens: &[Token]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (stems, id) in &self.phrases {
            for start in 0..tokens.len() {
                let end = start + stems.len();
                if end <= tokens.len()
                    && tokens[start..end]
                        .iter()
                        .zip(stems)
                        .all(|(t, s)| &t.stem == s)
                {
                    hits.push(Hit {
                        id: *id,
                        start,
                        end,
                        fuzzy: false,
                        negated: tokens[start].negated,
                    });
                }
            }
        }
        hits
    }
}
