// GrowthBook 1.8, the anchor: installed from npm at bench time into
// target/bench/gb (never into the project's lockfile), and configured as
// one visual experiment doing the page's three changes for visitors whose
// utm_term mentions video editing (GrowthBook's auto attribute `utmTerm`).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const GB_VERSION = "1.8.0";

/** The experiment, inline in the page as `window.growthbook_config.payload`. */
export const GB_CHANGES = {
  key: "video-editing-landing",
  changeId: "bench",
  condition: { utmTerm: { $regex: "video edit" } },
  weights: [0, 1],
  coverage: 1,
  hashAttribute: "id",
  variations: [
    {},
    {
      domMutations: [
        { selector: "#hero", action: "set", attribute: "html", value: '<h1 elementtiming="personalized-hero">Laptops that edit 4K video on battery</h1>' },
        { selector: "#cta", action: "set", attribute: "html", value: "See creator laptops" },
        { selector: "#cta", action: "set", attribute: "href", value: "/creator" },
        { selector: "#deals", action: "set", attribute: "style", value: "display:none" },
      ],
    },
  ],
};

/** Installs GrowthBook (cached in `dir`) and returns its script-tag build. */
export function growthbookBundle(dir) {
  const pkg = join(dir, "node_modules/@growthbook/growthbook");
  const installed = existsSync(join(pkg, "package.json")) && JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;
  if (installed !== GB_VERSION) {
    console.log(`bench: installing @growthbook/growthbook@${GB_VERSION} into ${dir}`);
    execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", dir, `@growthbook/growthbook@${GB_VERSION}`], { stdio: "inherit" });
  }
  return readFileSync(join(pkg, "dist/bundles/auto.min.js"));
}
