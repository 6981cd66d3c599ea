// The visitor panel: a described visitor as plain data, to and from the
// form, from a preset of www/assets/visitors.js, and as the JSON the wasm's
// playground_explain reads. Also suggests behaviour values (pages,
// selectors, event names) found in the rules being edited.

const UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term"];

/** A visitor from a preset: its landing URL split into path and UTM fields. */
export function fromPreset(preset) {
  const url = new URL(preset.landing, location.origin);
  const utm = {};
  for (const name of UTM) {
    utm[name] = url.searchParams.get(name) || "";
    url.searchParams.delete(name);
  }
  const now = new Date();
  return {
    referrer: preset.referrer || "",
    path: url.pathname + url.search,
    utm,
    events: [...(preset.events || [])],
    device: preset.device || "desktop",
    hour: preset.hour ?? now.getHours(),
    weekday: preset.weekday ?? (now.getDay() + 6) % 7,
    visits: preset.visits ?? 1,
    days: preset.days ?? null,
  };
}

/** The landing URL: the path with the UTM parameters added, on this origin. */
export function landingUrl(visitor) {
  const url = new URL(visitor.path || "/", location.origin);
  for (const name of UTM) {
    if (visitor.utm[name]) url.searchParams.set(name, visitor.utm[name]);
  }
  return url;
}

/** The visitor as playground_explain reads it. */
export function toExplainJson(visitor) {
  return JSON.stringify({
    referrer: visitor.referrer,
    url: landingUrl(visitor).href,
    events: visitor.events,
    device: visitor.device,
    hour: visitor.hour,
    weekday: visitor.weekday,
    visits: visitor.visits,
    daysSinceLastVisit: visitor.days,
  });
}

const num = (value, fallback) => (value === "" || !Number.isFinite(Number(value)) ? fallback : Number(value));

export function readForm(form) {
  const f = form.elements;
  const utm = {};
  for (const name of UTM) utm[name] = f[name].value.trim();
  return {
    referrer: f.referrer.value.trim(),
    path: f.path.value.trim() || "/",
    utm,
    events: f.events.value.split("\n").map((l) => l.trim()).filter(Boolean),
    device: f.device.value,
    hour: num(f.hour.value, 12),
    weekday: num(f.weekday.value, 0),
    visits: num(f.visits.value, 1),
    days: num(f.days.value, null),
  };
}

export function writeForm(form, visitor) {
  const f = form.elements;
  f.referrer.value = visitor.referrer;
  f.path.value = visitor.path;
  for (const name of UTM) f[name].value = visitor.utm[name] || "";
  f.events.value = visitor.events.join("\n");
  f.device.value = visitor.device;
  f.hour.value = String(visitor.hour);
  f.weekday.value = String(visitor.weekday);
  f.visits.value = String(visitor.visits);
  f.days.value = visitor.days === null ? "" : String(visitor.days);
}

/** Behaviour values the rules react to, by kind, as `jobwise explain --event` values. */
export function suggestions(rulesText) {
  const out = { page: new Set(), click: new Set(), dwell: new Set(), scroll: new Set(), search: new Set(), event: new Set() };
  let rules;
  try {
    rules = JSON.parse(rulesText);
  } catch {
    return out;
  }
  const groups = [rules?.jobs, rules?.stages].filter((g) => g && typeof g === "object");
  for (const group of groups) {
    for (const job of Object.values(group)) {
      for (const s of Array.isArray(job?.signals) ? job.signals : []) {
        if (typeof s.page === "string") out.page.add(s.page.replace(/\*+$/, ""));
        if (typeof s.click === "string") out.click.add(s.click);
        if (typeof s.dwell === "string") out.dwell.add(`${s.dwell}:${s.seconds ?? 5}`);
        if (typeof s.scroll === "number") out.scroll.add(String(s.scroll));
        if (Array.isArray(s.search)) s.search.forEach((w) => out.search.add(String(w)));
        if (typeof s.event === "string") out.event.add(s.event);
      }
    }
  }
  return out;
}
