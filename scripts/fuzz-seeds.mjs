// Writes the fuzzers' seed corpus from the project's own test cases:
// rules examples, arrival cases and realistic queries.
//   node scripts/fuzz-seeds.mjs fuzz/corpus
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = process.argv[2] || join(root, "fuzz/corpus");
const seeds = { rules: [], arrival: [], text: [], decide: [] };

function jsonFiles(dir) {
  const path = join(root, dir);
  return existsSync(path)
    ? readdirSync(path, { recursive: true }).filter((f) => f.endsWith(".json")).map((f) => join(path, f))
    : [];
}

for (const file of [...jsonFiles("schema/examples"), ...jsonFiles("tests/fixtures")]) {
  seeds.rules.push(readFileSync(file, "utf8"));
}
const cases = join(root, "tests/cases/arrival.json");
if (existsSync(cases)) {
  for (const c of JSON.parse(readFileSync(cases, "utf8"))) seeds.arrival.push(`${c.referrer}\n${c.url ?? ""}`);
}
const queries = join(root, "tests/cases/queries.json");
if (existsSync(queries)) {
  for (const c of JSON.parse(readFileSync(queries, "utf8")).cases) {
    if (!c.terms) continue;
    seeds.text.push(`фотостудия|высокие потолки|двор без машин|video editing|battery life\n${c.terms}`);
    // decide: a head byte choosing the rules (odd = laptops), then referrer, landing, memory, events.
    const head = c.rules === "laptops" ? "\x01" : "\x02";
    const landing = `https://example.com/?utm_term=${encodeURIComponent(c.terms)}`;
    seeds.decide.push(`${head}\n${landing}\n\npage:/\nscroll:80:/`);
  }
}
seeds.text.push("фотостудия|высокие потолки\nквартира не для фотостудии с высокими потолками");
seeds.arrival.push("https://yandex.ru/search/?text=%D1%84%D0%BE%D1%82%D0%BE\nhttps://example.com/?utm_term=loft");

for (const [target, list] of Object.entries(seeds)) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  list.forEach((text, i) => writeFileSync(join(dir, `seed-${i}`), text));
}
