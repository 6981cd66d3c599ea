// The "see it as…" bar of the demo sites: one click lands as a preset
// visitor (a landing URL with the UTM tags an ad would carry), a QA row
// forces each job with ?jobwise=JOB, and a read-out shows the decision the
// SDK took on this page. Fills <nav class="demo-bar" data-demo-site="…">.
// Each preset starts a fresh visitor: jobwise.forget() before leaving, so
// what this tab remembered does not outvote the new arrival. Inside the
// playground's preview frame the bar stays hidden.
import { sites } from "./visitors.js";

const bar = document.querySelector("nav.demo-bar[data-demo-site]");
const site = bar && sites[bar.dataset.demoSite];
const framed = window.frameElement?.hasAttribute("data-preview");
if (bar && framed) bar.hidden = true;
else if (site) build(bar, site);

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function link(href, text, attrs = {}) {
  const a = el("a", { href, ...attrs }, text);
  const here = location.pathname + location.search;
  if (decodeURIComponent(here) === decodeURIComponent(href)) a.setAttribute("aria-current", "page");
  a.addEventListener("click", () => window.jobwise?.forget?.());
  return a;
}

function build(nav, site) {
  nav.setAttribute("aria-label", site.barTitle);
  const row = el("div", { class: "demo-bar__row" });
  row.append(el("strong", { class: "demo-bar__title" }, site.barTitle));
  const visitors = site.visitors.filter((v) => v.bar);
  for (const v of visitors) row.append(link(v.landing, v.label, { "data-demo-visitor": v.id }));
  row.append(link(site.home, site.defaultLabel, { "data-demo-visitor": "default" }));

  const qa = el("div", { class: "demo-bar__row demo-bar__row--qa" });
  qa.append(el("span", { class: "demo-bar__title" }, site.qaLabel));
  for (const v of visitors) qa.append(link(`${site.home}?jobwise=${v.job}`, `?jobwise=${v.job}`, { "data-demo-force": v.job }));
  qa.append(link(`${location.pathname}?jobwise-debug`, "?jobwise-debug"));
  qa.append(el("a", { href: "/playground/" }, "Playground →"));
  const readout = el("output", { class: "demo-bar__decision", "aria-live": "polite" });
  qa.append(readout);
  nav.append(row, qa);

  const show = (d) => {
    readout.textContent = d && d.job ? `job: ${d.job}${d.stage ? ` @ ${d.stage}` : ""}` : "job: — (default content)";
    readout.dataset.job = (d && d.job) || "";
  };
  document.addEventListener("jobwise:decision", (e) => show(e.detail));
  window.jobwise?.ready?.then(() => show(window.jobwise.decision()));
}
