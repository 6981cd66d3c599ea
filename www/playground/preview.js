// The preview: the demo page itself in an iframe, as the visitor would get
// it for the job the playground decided. The page's SDK is told the job
// with the QA override ?jobwise=JOB@STAGE (SPEC §6), so its own markup,
// variants and terms insertion do the rest. Each load starts a fresh
// visitor: the frame shares this tab's sessionStorage, where the previous
// load's SDK left its memory, so it is cleared between loads.

export class Preview {
  constructor(frame, openLink, note) {
    this.frame = frame;
    this.openLink = openLink;
    this.note = note;
    this.url = "";
    this.loading = Promise.resolve();
  }

  /** The URL to preview `decision` on `landing` (a URL), or the bare page for no job. */
  static urlFor(landing, decision) {
    const url = new URL(landing);
    if (decision && decision.job) {
      url.searchParams.set("jobwise", decision.stage ? `${decision.job}@${decision.stage}` : decision.job);
    } else {
      url.search = "";
    }
    return url.pathname + url.search;
  }

  show(landing, decision) {
    const url = Preview.urlFor(landing, decision);
    let shown = url;
    try {
      shown = decodeURIComponent(url);
    } catch {
      // Keep the encoded form.
    }
    this.note.textContent =
      decision && decision.job
        ? `${shown} — the page's own markup and published rules, forced to ${decision.job}${decision.stage ? ` at the ${decision.stage} stage` : ""}.`
        : `${shown} — no job: the page's default content.`;
    this.openLink.href = url;
    if (url === this.url) return this.loading;
    this.url = url;
    this.loading = this.loading.then(() => this.load(url));
    return this.loading;
  }

  async load(url) {
    if (url !== this.url) return;
    await this.navigate("about:blank");
    try {
      sessionStorage.clear();
    } catch {
      // Storage blocked: the page then has no memory to clear either.
    }
    await this.navigate(url);
  }

  navigate(url) {
    return new Promise((resolve) => {
      this.frame.addEventListener("load", () => resolve(), { once: true });
      this.frame.src = url;
    });
  }
}
