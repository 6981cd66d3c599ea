// The benchmark's landing page: a 40-section laptop shop, in one variant
// per contender. Every variant has the same body; they differ in <head>
// and in the markup each tool needs. A visitor arriving with
// ?utm_term=laptop+for+video+editing gets three changes: the hero heading,
// the call to action (text and href), and the gaming-deals section hidden.
// Elements carry `elementtiming` so the probe sees which version was painted.
import { GB_CHANGES } from "./growthbook.mjs";

export const UTM_TERM = "laptop for video editing";
export const PERSONAL = {
  hero: "Laptops that edit 4K video on battery",
  ctaText: "See creator laptops",
  ctaHref: "/creator",
};
const DEFAULT_HERO = "Laptops for every kind of work";

/** The Jobwise rules (SPEC §5), inline in the page: the fast path. */
export const RULES = {
  version: 1,
  language: "en",
  decision: { threshold: 3, margin: 1 },
  jobs: {
    "video-editing": { label: "Edit video", signals: [{ terms: ["video editing", "4k editing", "premiere pro"], weight: 3 }] },
    travel: { label: "Work on the road", signals: [{ terms: ["lightweight", "travel laptop"], weight: 3 }] },
    gaming: { label: "Play games", signals: [{ terms: ["gaming laptop", "rtx"], weight: 3 }] },
    student: { label: "Study on a budget", signals: [{ terms: ["student laptop", "cheap laptop"], weight: 3 }] },
  },
  content: { cta: { "video-editing": { text: PERSONAL.ctaText, href: PERSONAL.ctaHref } } },
  privacy: { remember: "none" },
};

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2330}
header.top{display:flex;gap:2rem;padding:1rem 2rem;background:#0d1b2a;color:#fff}header.top a{color:#cfe}
.hero{padding:4rem 2rem;background:linear-gradient(#e8f0ff,#fff)}.hero h1{font-size:2.6rem;margin:0 0 1rem;min-height:3.9rem}
.button{display:inline-block;padding:.8rem 1.6rem;border-radius:.4rem;background:#1456d8;color:#fff;text-decoration:none}
section.block{padding:2.5rem 2rem;border-top:1px solid #e3e7ee}section.block h2{margin:0 0 .6rem}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:1rem}.card{padding:1rem;border:1px solid #dde;border-radius:.4rem}
.thumb{aspect-ratio:4/3;background:#dfe6f1;border-radius:.3rem;margin-bottom:.5rem}#deals{background:#fff4e0}
footer{padding:2rem;background:#0d1b2a;color:#cfd}`;

const TOPICS = ["Thin and light", "Battery life", "Displays", "Keyboards", "Ports", "Graphics", "Processors", "Memory", "Storage", "Webcams",
  "Speakers", "Cooling", "Build quality", "Warranty", "Delivery", "Trade-in", "Financing", "Accessories", "Docking", "Software",
  "Business", "Education", "Creators", "Developers", "Gamers", "Travel", "Repairs", "Sustainability", "Reviews", "Compare",
  "Bundles", "Gift cards", "Support", "Stores", "Newsletter", "Careers", "Press", "Partners"];

function card(topic, i) {
  const price = 499 + ((i * 137) % 1800);
  return `<div class="card"><div class="thumb"></div><h3>${topic} model ${i + 1}</h3><p>From $${price}. Free delivery, 30-day returns and two years of cover.</p></div>`;
}

function section(topic, i) {
  const cards = [0, 1, 2, 3].map((k) => card(topic, i * 4 + k)).join("");
  return `<section class="block" id="s${i + 3}"><h2>${topic}</h2><p>What to look for in ${topic.toLowerCase()}: our buyers' guide compares every model we sell, tested in our own lab and explained without jargon.</p><div class="cards">${cards}</div></section>`;
}

/** The shared body; `jw` adds the Jobwise attributes and templates. */
function body(jw) {
  const slot = (name) => (jw ? ` data-jobwise-slot="${name}"` : "");
  const templates = jw
    ? `<template data-jobwise-variant="video-editing"><h1 elementtiming="personalized-hero">${PERSONAL.hero}</h1></template>` +
      `<template data-jobwise-variant="travel"><h1>Laptops under 1.2 kg that last all day</h1></template>` +
      `<template data-jobwise-variant="gaming"><h1>Laptops that hold 144 fps</h1></template>` +
      `<template data-jobwise-variant="student"><h1>Student laptops from $499</h1></template>`
    : "";
  return `<body>
<header class="top"><strong>Laptop Hall</strong><a href="/catalog">Catalog</a><a href="/deals">Deals</a><a href="/support">Support</a></header>
<section class="hero"><div id="hero"${slot("hero")}><h1 elementtiming="default-hero">${DEFAULT_HERO}</h1>${templates}</div>
<p>Tell us what you do; we'll show the laptops that do it best.</p>
<a id="cta" class="button" href="/catalog" elementtiming="cta"${slot("cta")}>Browse all laptops</a></section>
<section class="block" id="deals"${jw ? ' data-jobwise-hide="video-editing"' : ""}><h2 elementtiming="hidden-section">Gaming deals this week</h2><div class="cards">${[0, 1, 2, 3].map((k) => card("Gaming", k)).join("")}</div></section>
${TOPICS.map(section).join("\n")}
<footer>Laptop Hall · 40 sections · benchmark page</footer>
</body>`;
}

/** The hand-written floor: one inline head script doing the three changes. */
const HANDWRITTEN = `<style>html.hw #deals{display:none}html.hw #hero:not([data-hw]),html.hw #cta:not([data-hw]){visibility:hidden}</style>
<script>(function(){var t=new URLSearchParams(location.search).get("utm_term")||"";if(!/video edit/i.test(t))return;
var d=document.documentElement;d.classList.add("hw");
function parsed(e){return e&&(e.nextSibling||document.readyState!=="loading")}
function swap(){var h=document.getElementById("hero"),c=document.getElementById("cta");
if(parsed(h)&&!h.hasAttribute("data-hw")){h.innerHTML='<h1 elementtiming="personalized-hero">${PERSONAL.hero}</h1>';h.setAttribute("data-hw","")}
if(parsed(c)&&!c.hasAttribute("data-hw")){c.textContent="${PERSONAL.ctaText}";c.href="${PERSONAL.ctaHref}";c.setAttribute("data-hw","")}
return h&&c&&h.hasAttribute("data-hw")&&c.hasAttribute("data-hw")}
var o=new MutationObserver(function(){if(swap())o.disconnect()});o.observe(d,{childList:true,subtree:true});
document.addEventListener("DOMContentLoaded",function(){swap();o.disconnect()})})();</script>`;

function growthbook(async) {
  const config = { payload: { experiments: [GB_CHANGES] }, noStreaming: true };
  return `<script>window.growthbook_config=${JSON.stringify(config)}</script>
<script${async ? " async" : ""} src="/gb/auto.min.js"></script>`;
}

/** Jobwise as SPEC §3 installs it; `timeout` other than the default goes into the snippet and the tag. */
function jobwise(snippet, base, timeout) {
  let tag = `<script src="${base}jobwise.js" data-rules="#jobwise-rules"></script>`;
  if (timeout) {
    if (!/\b300ms\b/.test(snippet)) throw new Error("dist/snippet.html has no 300ms timeout to change");
    snippet = snippet.replace(/\b300ms\b/, `${timeout}ms`);
    tag = tag.replace("<script ", `<script data-timeout="${timeout}" `);
  }
  return `${snippet}
<script type="application/json" id="jobwise-rules">${JSON.stringify(RULES)}</script>
${tag}`;
}

function html(head, jw) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laptop Hall</title>
<link rel="icon" href="data:,">
${head}
<style>${CSS}</style>
</head>
${body(jw)}
</html>
`;
}

/** The variants: name → HTML. `snippet` is dist/snippet.html. */
export function pages(snippet) {
  return {
    none: html("", false),
    handwritten: html(HANDWRITTEN, false),
    jobwise: html(jobwise(snippet, "/jobwise/"), true),
    "jobwise-t3000": html(jobwise(snippet, "/jobwise/", 3000), true),
    "growthbook-sync": html(growthbook(false), false),
    "growthbook-async": html(growthbook(true), false),
    "jobwise-opt-z": html(jobwise(snippet, "/opt-z/", 3000), true),
    "jobwise-opt-s": html(jobwise(snippet, "/opt-s/", 3000), true),
  };
}
