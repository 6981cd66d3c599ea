//! Fuzzes the decision on arbitrary signals: fixed realistic rules, any
//! arrival, behaviour, circumstances and stored memory. Never a panic;
//! every job's score is the sum of its reasons; the JSON is one object; the
//! memory written back decodes again.
#![no_main]

use jobwise::arrival::read_str;
use jobwise::decide::decide;
use jobwise::memory::Memory;
use jobwise::model::{compile, Compiled};
use jobwise::rules::{parse, Device};
use jobwise::signals::{Context, Event, EventKind, Signals};
use libfuzzer_sys::fuzz_target;

const RULES: [&str; 2] = [
    include_str!("../../tests/fixtures/realestate.rules.json"),
    include_str!("../../tests/fixtures/laptops.rules.json"),
];

thread_local! {
    static COMPILED: [Compiled; 2] = RULES.map(|text| compile(parse(text).expect("fixture rules are valid")));
}
const DEVICES: [Device; 3] = [Device::Mobile, Device::Tablet, Device::Desktop];

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut lines = text.split('\n');
    let referrer = lines.next().unwrap_or("");
    let landing = lines.next().unwrap_or("https://example.com/");
    let stored = lines.next().unwrap_or("");
    let now = 1.0e12 + f64::from(head) * 60_000.0;
    let events = lines
        .enumerate()
        .take(200)
        .filter_map(|(i, line)| {
            let kind = EventKind::parse(line)?;
            Some(Event {
                at_ms: now - (i as f64) * 30_000.0,
                kind,
            })
        })
        .collect();
    COMPILED.with(|compiled| {
        let c = &compiled[usize::from(head & 1)];
        let mut memory = Memory::decode(c, stored).unwrap_or_else(|| Memory::new(u32::from(head)));
        memory.start_page(now);
        let signals = Signals {
            arrival: read_str(referrer, landing),
            events,
            context: Context {
                device: DEVICES[usize::from(head % 3)],
                hour: head % 24,
                weekday: head % 7,
                visits: memory.visits,
                days_since_last_visit: memory.days_since_last_visit(now),
            },
        };
        let force = (head & 0x80 != 0).then_some(referrer);
        let d = decide(c, &signals, &memory, now, force);
        for (id, score) in d.scores.iter() {
            let sum: f64 = d
                .reasons
                .iter()
                .filter(|r| &*r.job == id)
                .map(|r| r.weight)
                .sum();
            assert!(
                (sum - score).abs() < 1e-6,
                "{id}: score {score} but reasons sum to {sum}"
            );
        }
        let json = d.to_json();
        assert!(json.starts_with('{') && json.ends_with('}'));
        memory.update(&d);
        let encoded = memory.encode(c);
        assert!(
            Memory::decode(c, &encoded).is_some(),
            "memory does not round-trip: {encoded}"
        );
    });
});
