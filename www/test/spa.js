// Fixture: a tiny client-side router. Links marked data-route change the
// URL with history.pushState and render the view without a page load.
const views = {
  "/test/travel-deals":
    '<section data-jobwise-slot="offer" id="offer"><p>Default offer</p><template data-jobwise-variant="travel"><p>Offer for travellers</p></template></section>',
};
const render = () => {
  const html = views[location.pathname];
  if (html) document.getElementById("view").innerHTML = html;
};
document.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-route]");
  if (!link) return;
  e.preventDefault();
  history.pushState({}, "", link.getAttribute("href"));
  render();
});
addEventListener("popstate", render);
