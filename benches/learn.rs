//! `cargo bench --bench learn`: times `jobwise learn` on a generated
//! export of one million rows (Russian search queries, campaigns, four
//! jobs) and reports rows per second and the peak memory of the process.
//! Target: under a minute on a 2-core machine, memory flat in the rows.

#[path = "../tests/support/rng.rs"]
mod rng;
use rng::Rng;
use std::io::Cursor;
use std::time::Instant;

use jobwise::learn::{learn, Options};

const ROWS: usize = 1_000_000;

/// Words that lean towards one job, and words any job uses.
const JOBS: [(&str, &[&str], &[&str]); 4] = [
    (
        "photo-studio",
        &[
            "фотостудия",
            "фотостудии",
            "лофт",
            "лофты",
            "потолки",
            "высокими",
            "потолками",
            "мастерская",
            "художника",
            "свет",
            "окна",
            "панорамные",
            "съемки",
            "фотографа",
            "циклорама",
            "мансарда",
            "двухсветная",
        ],
        &["poisk_loft_foto", "rsya_vysokie_potolki", "loft_studio"],
    ),
    (
        "sleep-near-work",
        &[
            "метро",
            "у",
            "студия",
            "студию",
            "однушка",
            "недорого",
            "рядом",
            "работой",
            "офисом",
            "минут",
            "пешком",
            "дешево",
            "маленькая",
            "компактная",
            "мцк",
            "центре",
        ],
        &["poisk_metro_studii", "smart_studii", "rsya_u_metro"],
    ),
    (
        "family",
        &[
            "семьи",
            "семейная",
            "ипотека",
            "школой",
            "садом",
            "детским",
            "трехкомнатная",
            "детей",
            "двор",
            "парк",
            "евротрешка",
            "детская",
            "площадка",
            "гимназия",
            "большая",
        ],
        &["poisk_semya_3k", "family_dvor", "rsya_shkola_sad"],
    ),
    (
        "investor",
        &[
            "инвестиции",
            "аренду",
            "сдачи",
            "доходность",
            "котловане",
            "переуступка",
            "доход",
            "окупаемость",
            "вложить",
            "ликвидная",
            "перепродажа",
            "апартаменты",
            "управляющая",
        ],
        &["poisk_investicii", "rsya_pod_arendu", "invest_dohod"],
    ),
];
const COMMON: &[&str] = &[
    "квартира",
    "купить",
    "новостройка",
    "москва",
    "жк",
    "цена",
    "от",
    "застройщика",
    "в",
    "с",
    "для",
    "под",
    "отзывы",
    "2024",
    "ривер",
    "парк",
    "кв",
    "м",
];

fn export(rows: usize) -> Vec<u8> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(rows * 90);
    out.push_str("id;job;query;utm_campaign;manager\n");
    for i in 0..rows {
        let (job, words, campaigns) = rng.pick(&JOBS);
        let mut query = String::new();
        for w in 0..2 + rng.below(5) {
            if w > 0 {
                query.push(' ');
            }
            // Two words in three from the job, the rest from anywhere.
            let word = match rng.below(3) {
                0 => rng.pick(COMMON),
                _ if rng.below(10) == 0 => {
                    let (_, other, _) = rng.pick(&JOBS);
                    other[rng.below(other.len())]
                }
                _ => words[rng.below(words.len())],
            };
            query.push_str(word);
        }
        let campaign = if rng.below(3) == 0 {
            campaigns[rng.below(campaigns.len())]
        } else {
            ""
        };
        out.push_str(&format!(
            "{i};{job};{query};{campaign};m{}\n",
            rng.below(20)
        ));
    }
    out.into_bytes()
}

/// CPU seconds this process has used (Linux; user + system, at the usual
/// 100 ticks a second): on a shared machine wall time says little.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces), 1-based 14, 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Peak resident memory of this process (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let data = export(ROWS);
    let mib = data.len() as f64 / (1 << 20) as f64;
    let before = peak_mib().unwrap_or(0.0);
    let cpu = cpu_secs().unwrap_or(0.0);
    let start = Instant::now();
    let learned =
        learn(Cursor::new(&data), &Options::default()).expect("the generated export is valid");
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_secs().map_or(secs, |c| c - cpu);
    let s = learned.report.summary();
    println!(
        "learn: {ROWS} rows ({mib:.0} MiB) in {secs:.1} s wall, {cpu:.1} s CPU = {:.0} rows/s by CPU time; peak memory {:.0} MiB (the export itself {mib:.0} MiB, {before:.0} MiB before learning)",
        ROWS as f64 / cpu.max(1e-9),
        peak_mib().unwrap_or(0.0),
    );
    println!(
        "cross-validated: accuracy {:.3}, precision {:.3}, coverage {:.3}",
        s.accuracy, s.precision, s.coverage
    );
}
