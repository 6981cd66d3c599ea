// The residential complex's own widgets: the commute, yield and light
// calculators and the viewing button. Each reports what the visitor did
// with jobwise.track(name), the `event` signal of the rules.

const track = (name) => window.jobwise?.track?.(name);
const rub = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });

const calculators = {
  commute(form) {
    const minutes = Number(form.elements.to.value) + 6;
    const days = Math.min(Math.max(Number(form.elements.days.value) || 5, 1), 7);
    const hours = Math.round((minutes * 2 * days * 4.3) / 60);
    return { text: `${minutes} мин в одну сторону, ≈${hours} ч в месяц`, event: "commute-calculated" };
  },
  yield(form) {
    const price = Number(form.elements.price.value) || 0;
    const rent = Number(form.elements.rent.value) || 0;
    const net = rent * 12 * 0.92;
    const percent = price > 0 ? ((net / price) * 100).toFixed(1).replace(".", ",") : "—";
    return { text: `${percent} % в год, ${rub.format(net)} ₽ чистыми`, event: "yield-calculated" };
  },
  light(form) {
    const area = Number(form.elements.area.value) || 0;
    const windows = Number(form.elements.windows.value) || 0;
    const ratio = area > 0 ? (windows * 2.1 * 1.6) / area : 0;
    const verdict = ratio >= 0.2 ? "хватит для съёмки днём" : "понадобится постоянный свет";
    return { text: `${Math.round(ratio * 100)} % остекления — ${verdict}`, event: "light-calculated" };
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

for (const button of document.querySelectorAll("[data-track]")) {
  button.addEventListener("click", () => {
    track(button.dataset.track);
    const note = document.querySelector("[data-viewing-note]");
    if (note) note.textContent = "Спасибо! Менеджер перезвонит в течение часа (демо: никуда ничего не отправлено).";
  });
}
