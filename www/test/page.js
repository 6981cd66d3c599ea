// Fixture helper shared by the test pages (not part of the SDK): the
// page's own code. `?consent=MODE` calls jobwise.consent at once;
// `?remember=local` is read by the tests through the rules they route.
const query = new URLSearchParams(location.search);
window.dataLayer = window.dataLayer || [];
if (query.has("consent") && window.jobwise) window.jobwise.consent(query.get("consent"));
