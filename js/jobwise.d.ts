// Types of the Jobwise JavaScript API (SPEC §6): `window.jobwise` and the
// npm module's `start(options)`.

/** Why a job scored: one fired signal. */
export interface Reason {
  /** The job id the signal belongs to. */
  job: string;
  /** The signal's kind: "terms", "param", "page", "click", "dwell", "memory", "pick", "override"… */
  signal: string;
  /** Its weight after fading. */
  weight: number;
  /** Human-readable: which words, page or event fired it. */
  detail: string;
}

/** Why a stage scored (same shape, keyed by stage). */
export interface StageReason {
  stage: string;
  signal: string;
  weight: number;
  detail: string;
}

/** A decision (SPEC §6). `job` is null when no job clears the policy. */
export interface Decision {
  job: string | null;
  label: string | null;
  stage: string | null;
  scores: Record<string, number>;
  /** The chosen job's share of the scores, 0 when no job, 1 for a pick or an override. */
  confidence: number;
  /** The visitor is in the control group: the page keeps its defaults. */
  holdout: boolean;
  reasons: Reason[];
  /** How the job was arrived at. */
  via: "inferred" | "picked" | "override";
  /** The visitor's terms for `data-jobwise-insert="terms"` (only when they matched the job). */
  terms: string | null;
  stageScores: Record<string, number>;
  stageReasons: StageReason[];
}

/** Where memory may be kept: nowhere, this tab's session, or across visits. */
export type Consent = "none" | "session" | "local";

export interface Options {
  /** URL of the rules JSON, or `#id` of an inline `<script type="application/json">`. */
  rules: string;
  /** URL of jobwise_bg.wasm (default: next to the module). */
  wasm?: string | URL;
  /** Milliseconds after page start within which the first decision must be applied (default 300, max 3000). */
  timeout?: number;
  /** Console diagnostics: each decision is logged with console.info. */
  debug?: boolean;
  /** Push each decision to `window.dataLayer` (job ids only). */
  datalayer?: boolean;
}

/** The `jobwise:decision` event dispatched on `document`. */
export type DecisionEvent = CustomEvent<Decision>;

export interface Jobwise {
  /** Resolves with the first decision, or null when the SDK failed open. */
  readonly ready: Promise<Decision | null>;
  /** The current decision, or null before the first one. */
  decision(): Decision | null;
  /** A custom behaviour signal (rules' `event`). Queued until the SDK runs. */
  track(name: string): void;
  /** Calls `fn` with each decision whose job, stage or holdout changed. */
  on(type: "decision", fn: (decision: Decision) => void): Jobwise;
  /** Restores every change Jobwise made and stops observing. */
  revert(): void;
  /** Wipes what is stored; nothing more is stored on this page. */
  forget(): void;
  /** The visitor's consent: memory is kept no more widely than this (nor than the rules allow). */
  consent(mode: Consent): void;
}

/** Starts Jobwise on the current page. */
export function start(options: Options): Jobwise;

declare global {
  interface Window {
    jobwise?: Jobwise;
  }
  interface DocumentEventMap {
    "jobwise:decision": DecisionEvent;
  }
}
