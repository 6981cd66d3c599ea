// Types of the Jobwise JavaScript API (SPEC §6): `window.jobwise` and the
// npm module's `start(options)`.

/** Why a job scored: one fired signal. */
export interface Reason {
  /** The job (or stage) id the signal belongs to. */
  job: string;
  /** The signal's kind: "terms", "param", "page", "click", "memory"… */
  signal: string;
  /** Its weight after fading. */
  weight: number;
  /** Human-readable: which words, page or event fired it. */
  detail: string;
}

/** A decision (SPEC §6). `job` is null when no job clears the policy. */
export interface Decision {
  job: string | null;
  label: string | null;
  stage: string | null;
  scores: Record<string, number>;
  confidence: number;
  holdout: boolean;
  reasons: Reason[];
}

export interface Options {
  /** URL of the rules JSON, or `#id` of an inline `<script type="application/json">`. */
  rules: string;
  /** URL of jobwise_bg.wasm (default: next to the module). */
  wasm?: string | URL;
  /** Milliseconds within which the first decision must be applied (default 300, max 3000). */
  timeout?: number;
  /** Console diagnostics. */
  debug?: boolean;
}

export interface Jobwise {
  /** Resolves with the first decision (null when the SDK could not run). */
  readonly ready: Promise<Decision | null>;
  /** The current decision, or null. */
  decision(): Decision | null;
}

/** Starts Jobwise on the current page. */
export function start(options: Options): Jobwise;

declare global {
  interface Window {
    jobwise?: Jobwise;
  }
}
