// The playground: wires the rules editor, the visitor panel, the decision
// and the preview to the SDK's own wasm (/jobwise/playground.js), and keeps
// the whole state in the URL fragment. Every change re-validates and
// re-decides at once; nothing leaves the browser.
import * as wasm from "/jobwise/playground.js";
import { sites } from "/assets/visitors.js";
import { Editor } from "./editor.js";
import { render, renderInvalid } from "./decision.js";
import { Preview } from "./preview.js";
import { decode, encode } from "./share.js";
import { fromPreset, landingUrl, readForm, suggestions, toExplainJson, writeForm } from "./visitor.js";

const $ = (id) => document.getElementById(id);
const form = $("visitor-form");
const panel = { verdict: $("verdict"), facts: $("facts"), bars: $("bars"), reasons: $("reasons"), raw: $("raw") };
const preview = new Preview($("preview"), $("preview-open"), $("preview-note"));
const editor = new Editor($("editor"), $("problems"), () => schedule());
const state = { site: "bereg", preset: "", rules: "", visitor: null };

function debounce(fn, ms) {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

function policyOf(text) {
  try {
    const d = JSON.parse(text).decision || {};
    return { threshold: Number(d.threshold ?? 3), margin: Number(d.margin ?? 1) };
  } catch {
    return { threshold: 3, margin: 1 };
  }
}

function describe(rulesText) {
  try {
    const r = JSON.parse(rulesText);
    const jobs = Object.keys(r.jobs || {}).length;
    const stages = Object.keys(r.stages || {}).length;
    return `${jobs} job${jobs === 1 ? "" : "s"}${stages ? `, ${stages} stage${stages === 1 ? "" : "s"}` : ""}`;
  } catch {
    return "";
  }
}

function setStatus(problems, rulesText) {
  const status = $("status");
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (errors) {
    status.dataset.state = "error";
    status.textContent = `${errors} error${errors === 1 ? "" : "s"}: the SDK would refuse these rules`;
  } else {
    status.dataset.state = warnings ? "warning" : "ok";
    const extra = warnings ? ` · ${warnings} warning${warnings === 1 ? "" : "s"}` : "";
    status.textContent = `valid · ${describe(rulesText)}${extra}`;
  }
}

/** Re-validates, re-decides, re-renders; the heart of the page. */
function update() {
  state.rules = editor.value;
  state.visitor = readForm(form);
  const problems = JSON.parse(wasm.playground_check(state.rules));
  editor.show(problems);
  setStatus(problems, state.rules);
  fillSuggestions();
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    const first = errors[0];
    renderInvalid(panel, `line ${first.line}:${first.column}: ${first.message}`);
    preview.show(landingUrl(state.visitor).href, null);
  } else if (typeof wasm.playground_explain !== "function") {
    renderInvalid(panel, "this build of the wasm has no playground_explain yet");
  } else {
    const decision = JSON.parse(wasm.playground_explain(state.rules, toExplainJson(state.visitor)));
    render(panel, decision, policyOf(state.rules));
    preview.show(landingUrl(state.visitor).href, decision);
  }
  document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  saveSoon();
}

const schedule = debounce(update, 120);
const saveSoon = debounce(async () => {
  const fragment = await encode({ site: state.site, preset: state.preset, rules: state.rules, visitor: state.visitor });
  history.replaceState(null, "", `#${fragment}`);
}, 400);

function fillPresets() {
  const select = $("preset");
  const options = sites[state.site].visitors.map((v) => {
    const option = document.createElement("option");
    option.value = v.id;
    option.textContent = v.job ? `${v.label} → ${v.job}` : `${v.label} → no job`;
    return option;
  });
  const custom = document.createElement("option");
  custom.value = "";
  custom.textContent = "Custom visitor";
  select.replaceChildren(...options, custom);
  select.value = state.preset;
}

function fillSuggestions() {
  const values = suggestions(state.rules)[$("event-kind").value] || new Set();
  $("event-values").replaceChildren(
    ...[...values].map((v) => {
      const option = document.createElement("option");
      option.value = v;
      return option;
    }),
  );
}

function usePreset(id) {
  const preset = sites[state.site].visitors.find((v) => v.id === id);
  state.preset = preset ? id : "";
  if (preset) writeForm(form, fromPreset(preset));
  $("preset").value = state.preset;
}

async function loadSite(site) {
  state.site = site;
  $("site").value = site;
  const res = await fetch(sites[site].rules);
  editor.value = await res.text();
  fillPresets();
  usePreset(sites[site].visitors[0].id);
  update();
}

async function start() {
  await wasm.init();
  const saved = await decode(location.hash);
  if (saved && sites[saved.site] && typeof saved.rules === "string" && saved.visitor) {
    state.site = saved.site;
    state.preset = saved.preset || "";
    $("site").value = state.site;
    editor.value = saved.rules;
    fillPresets();
    writeForm(form, { ...fromPreset({ landing: "/" }), ...saved.visitor });
    update();
  } else {
    await loadSite("bereg");
  }

  $("site").addEventListener("change", (e) => loadSite(e.target.value));
  $("reset").addEventListener("click", () => loadSite(state.site));
  $("preset").addEventListener("change", (e) => {
    usePreset(e.target.value);
    update();
  });
  form.addEventListener("input", () => {
    state.preset = "";
    $("preset").value = "";
    schedule();
  });
  $("event-kind").addEventListener("change", fillSuggestions);
  $("event-add").addEventListener("click", () => {
    const value = $("event-value").value.trim();
    if (!value) return;
    const events = form.elements.events;
    events.value = `${events.value.trim()}\n${$("event-kind").value}:${value}`.trim();
    $("event-value").value = "";
    form.dispatchEvent(new Event("input"));
  });
  $("share").addEventListener("click", async () => {
    const fragment = await encode({ site: state.site, preset: state.preset, rules: state.rules, visitor: state.visitor });
    history.replaceState(null, "", `#${fragment}`);
    try {
      await navigator.clipboard.writeText(location.href);
      $("share-note").textContent = "link copied";
    } catch {
      $("share-note").textContent = "copy the address bar: it holds everything";
    }
  });
}

start().catch((err) => {
  $("status").dataset.state = "error";
  $("status").textContent = `the playground could not start: ${err && err.message ? err.message : err}`;
});
