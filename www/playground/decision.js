// The decision panel: the verdict, the facts of the decision, a bar per
// job with the threshold marked, every reason, and the raw JSON. When no
// job is chosen it says which rule of the policy stopped the leader.
// Built with createElement/textContent only: rules and visitors are text.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const fmt = (n) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "—");

/** Why the leader was not chosen, in plain words (null when a job was). */
export function whyNoJob(decision, policy) {
  if (decision.job) return null;
  const ranked = Object.entries(decision.scores || {}).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return "The rules have no jobs.";
  const [[top, score], second] = ranked;
  if (score < policy.threshold) {
    return `No job: the leader, ${top}, scored ${fmt(score)}, below the threshold of ${fmt(policy.threshold)}. The page keeps its default content.`;
  }
  const runnerUp = second ? second[1] : 0;
  return `No job: ${top} (${fmt(score)}) leads ${second ? second[0] : "the rest"} (${fmt(runnerUp)}) by less than the margin of ${fmt(policy.margin)}. The page keeps its default content.`;
}

export function render(root, decision, policy) {
  const { verdict, facts, bars, reasons, raw } = root;
  verdict.textContent = decision.job ? `${decision.job}` : "no job (defaults)";
  verdict.dataset.job = decision.job || "";

  const rows = [
    ["label", decision.label || "—"],
    ["stage", decision.stage || "—"],
    ["confidence", decision.job ? `${Math.round(decision.confidence * 100)} %` : "—"],
    ["holdout", decision.holdout ? "yes: this visitor sees the defaults (control group)" : "no"],
  ];
  if (decision.via) rows.push(["how", decision.via]);
  if (decision.terms) rows.push(["terms inserted", decision.terms]);
  const why = whyNoJob(decision, policy);
  if (why) rows.push(["why", why]);
  facts.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", "", k), el("dd", "", v)]));

  const scores = Object.entries(decision.scores || {});
  const top = Math.max(policy.threshold, ...scores.map(([, s]) => Math.abs(s)), 1) * 1.1;
  bars.replaceChildren(
    ...scores.map(([job, score]) => {
      const bar = el("div", job === decision.job ? "bar chosen" : "bar");
      bar.dataset.job = job;
      const track = el("div", "track");
      const fill = el("div", score < 0 ? "fill negative" : "fill");
      fill.style.left = "0";
      fill.style.width = `${(Math.abs(score) / top) * 100}%`;
      const threshold = el("div", "threshold");
      threshold.style.left = `${(policy.threshold / top) * 100}%`;
      threshold.title = `threshold ${fmt(policy.threshold)}`;
      track.append(fill, threshold);
      bar.append(el("span", "name", job), track, el("span", "value", fmt(score)));
      bar.title = `${job}: ${fmt(score)}`;
      return bar;
    }),
  );

  const list = [...(decision.reasons || []), ...(decision.stageReasons || [])];
  reasons.replaceChildren(
    ...list.map((r) => {
      const tr = el("tr", r.weight < 0 ? "negative" : r.weight === 0 ? "zero" : "");
      const owner = r.job ?? `stage ${r.stage}`;
      tr.append(el("td", "", owner), el("td", "", r.signal), el("td", "", fmt(r.weight)), el("td", "", r.detail));
      return tr;
    }),
  );
  if (list.length === 0) {
    const tr = el("tr", "zero");
    const td = el("td", "", "No signal fired for this visitor.");
    td.colSpan = 4;
    tr.append(td);
    reasons.append(tr);
  }
  raw.textContent = JSON.stringify(decision, null, 2);
}

/** Clears the panel when the rules do not validate. */
export function renderInvalid(root, message) {
  root.verdict.textContent = "rules invalid";
  root.verdict.dataset.job = "";
  root.facts.replaceChildren(el("dt", "", "why"), el("dd", "", message));
  root.bars.replaceChildren();
  root.reasons.replaceChildren();
  root.raw.textContent = "";
}
