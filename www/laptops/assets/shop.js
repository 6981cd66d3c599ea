// Kestrel Laptops' own widgets: the render-time estimator, the student
// discount check, "Add to cart" and the site search results. Each reports
// what the visitor did with jobwise.track(name), the rules' `event` signal.

const track = (name) => window.jobwise?.track?.(name);

const calculators = {
  render(form) {
    const factor = Number(form.elements.res.value) || 1;
    const minutes = Math.min(Math.max(Number(form.elements.minutes.value) || 10, 1), 240);
    const seconds = Math.round(minutes * factor * 22);
    return { text: `≈ ${Math.floor(seconds / 60)} min ${seconds % 60} s on Studio 16`, event: "render-estimated" };
  },
  discount(form) {
    const email = String(form.elements.email.value || "").toLowerCase();
    const ok = /\.(edu|ac\.[a-z]{2})$/.test(email.split("@")[1] || "");
    return { text: ok ? "Eligible: 10 % off at checkout" : "Use your university email", event: "student-discount-checked" };
  },
};

for (const form of document.querySelectorAll("form[data-calc]")) {
  const calc = calculators[form.dataset.calc];
  if (!calc) continue;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const { text, event } = calc(form);
    form.elements.result.value = text;
    track(event);
  });
}

// Buttons inside slots can be re-created by a variant swap: delegate.
document.addEventListener("click", (e) => {
  const button = e.target instanceof Element && e.target.closest("button[data-track]");
  if (!button) return;
  track(button.dataset.track);
  button.textContent = "Added ✓";
});

// The search page filters the catalogue by the words of ?q=.
const results = document.querySelector("[data-search-results]");
if (results) {
  const query = (new URLSearchParams(location.search).get("q") || "").trim();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const product of results.querySelectorAll(".product")) {
    const text = product.textContent.toLowerCase();
    const match = words.length === 0 || words.some((w) => text.includes(w));
    product.hidden = !match;
    if (match) shown += 1;
  }
  const input = document.querySelector('.search input[name="q"]');
  if (input) input.value = query;
  const summary = document.querySelector("[data-search-summary]");
  if (summary && query) summary.textContent = `${shown} laptop${shown === 1 ? "" : "s"} for “${query}”`;
}
