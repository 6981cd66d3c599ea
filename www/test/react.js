// Fixture: a stand-in for a framework that re-renders its views every
// animation frame for 2 s. View A re-renders the children of a slot it
// owns; view B re-creates the slot element itself. Counts what happens.
const HERO = '<h1>Framework default A</h1><template data-jobwise-variant="video"><h1>Video A</h1></template>';
const OFFER =
  '<section data-jobwise-slot="offer" id="offer"><p>Framework default B</p><template data-jobwise-variant="video"><p>Video B</p></template></section>';
const stats = (window.framework = { renders: 0, variantInserts: 0, mutations: 0, gaps: [], settled: false });

document.addEventListener("DOMContentLoaded", () => {
  const a = document.getElementById("app-a");
  const b = document.getElementById("app-b");
  a.innerHTML = `<section data-jobwise-slot="hero" id="hero">${HERO}</section>`;
  b.innerHTML = OFFER;
  const hero = a.firstChild;
  new MutationObserver((records) => {
    for (const r of records) {
      stats.mutations++;
      for (const n of r.addedNodes) if (/^Video/.test(n.textContent || "")) stats.variantInserts++;
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  const start = performance.now();
  let last = start;
  const frame = (now) => {
    stats.gaps.push(now - last);
    last = now;
    hero.innerHTML = HERO;
    b.innerHTML = OFFER;
    stats.renders++;
    if (now - start < 2000) requestAnimationFrame(frame);
    else stats.settled = true;
  };
  requestAnimationFrame(frame);
});
