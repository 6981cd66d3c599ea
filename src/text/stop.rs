//! Stop words and the words that steer negation, for Russian and English.
//!
//! Stop words are grammatical only (prepositions, pronouns, particles,
//! auxiliaries, conjunctions). Query noise with meaning ("купить", "цена",
//! "москва", "best") is *not* here: whether it matters is the rules' call.
//! All lists hold keys (lower-case, `ё` folded), sorted, as one string
//! with a space between words: no 8-byte slice header per word in the
//! wasm, and a binary search over the string ([`listed_sorted`]).

use super::{listed, listed_sorted, ru};

/// What a word does for matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Carries meaning: matched.
    Content,
    /// Grammatical: skipped by matching, never matches on its own.
    Stop,
    /// A negation cue: a stop word that negates the words after it.
    Cue,
}

/// Grammatical words of Russian and English.
const STOP: &str = ru!(concat!(
    "a about after again all also although am an and any are as at be because been being both ",
    "but by can could did do does doing each etc for from further had has have having he her ",
    "here hers him his how however i i'd i'll i'm i've if in instead into is it it's its ",
    "itself just let me more most my myself of on once only or other our ours ourselves own ",
    "please rather same she should so some such than that that's the their theirs them ",
    "themselves then there these they this those though through to too until very via was we ",
    "were what when where whereas which while who whom why will with would yet you your yours ",
    "yourself а будет буду будут бы был была были было быть в вам вас ваш ваша ваше ваши ",
    "вдоль ведь весь во возле вот все всего всем всех всю вся вы где да даже для до его ее ей ",
    "ему если есть еще же за зато здесь и из или им ими их к как какая какие какое какой ко ",
    "когда которая которое которой котором которую которые который которых кто ли либо лишь ",
    "между мне мной мог могу мое моей моем можно мои моих мой мою моя мы на над нам нами нас ",
    "наш наша наше наши него нее ней нем ним них но ну о об обо однако около он она они оно ",
    "от перед по под после при причем про ради с сам сама сами само свое свои свой своя себе ",
    "себя со среди та так также там те тебе тебя тем то того тоже той только том тот ту ты у ",
    "уж уже хотя чего чем через что чтоб чтобы чье чья эта эти этих это этого этой этом этот ",
    "эту я"
));

/// Negation cues; any word ending in "n't" is one too ("don't").
const CUES: &str = ru!(concat!(
    "aint arent cannot cant couldnt didnt doesnt dont except hadnt hasnt havent isnt neither ",
    "never no non nor not shouldnt wasnt werent without wont wouldnt без безо кроме не нет ни"
));

/// Classifies a key.
pub fn kind(key: &str) -> Kind {
    if listed_sorted(CUES, key) || key.ends_with("n't") {
        Kind::Cue
    } else if listed_sorted(STOP, key) {
        Kind::Stop
    } else {
        Kind::Content
    }
}

/// Contrast conjunctions: they end a negation's scope ("без ремонта, но с
/// видом", "not gaming but editing").
pub fn is_contrast(key: &str) -> bool {
    listed(
        ru!("а но зато однако хотя причем but however though although yet instead whereas rather while"),
        key,
    )
}

/// Coordinating conjunctions: a negation carries over them to a content
/// word ("без машин и шума"), not to a preposition ("без ремонта и с ...").
pub fn is_coordinating(key: &str) -> bool {
    listed(ru!("и или либо and or"), key)
}

/// "only"/"just": after "не"/"not" they make no negation ("не только для
/// игр", "not only for gaming").
pub fn is_only(key: &str) -> bool {
    listed(ru!("только лишь only just"), key)
}

/// Words of need: a cue right before one also negates what precedes it
/// ("игровой ноутбук не нужен", "gaming not required").
pub fn is_need(key: &str) -> bool {
    let mut buf = ru::Buf::default();
    super::split(
        ru!("нуж надо важ интерес обязател требу need require necessar important want matter"),
        b' ',
    )
    .any(|p| {
        key.as_bytes()
            .starts_with(ru::decoded(p.as_bytes(), &mut buf))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_disjoint() {
        for list in [STOP, CUES] {
            let words = ru::words(list);
            assert!(words.iter().all(|w| !w.is_empty()));
            assert!(words.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(ru::words(CUES).iter().all(|c| !listed(STOP, c)));
    }

    #[test]
    fn the_binary_search_finds_exactly_the_words_of_the_list() {
        for list in [STOP, CUES] {
            for w in ru::words(list) {
                assert!(listed_sorted(list, &w), "{w}");
            }
            for w in ru::words(STOP).into_iter().chain(ru::words(CUES)) {
                let mut near = vec![w.to_string(), format!("{w}a"), format!("a{w}")];
                let mut cut = w.to_string();
                cut.pop();
                near.push(cut);
                for k in near {
                    assert_eq!(listed_sorted(list, &k), listed(list, &k), "{k}");
                }
            }
            for k in ["", " ", "zzz", "яяя", "0"] {
                assert!(!listed_sorted(list, k), "{k:?}");
            }
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("для"), Kind::Stop);
        assert_eq!(kind("без"), Kind::Cue);
        assert_eq!(kind("don't"), Kind::Cue);
        assert_eq!(kind("купить"), Kind::Content);
        assert_eq!(kind("цена"), Kind::Content);
        assert_eq!(kind("москва"), Kind::Content);
    }
}
