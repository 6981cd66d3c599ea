//! Scores → a [`Decision`]: threshold, margin, stickiness, holdout, reasons.
