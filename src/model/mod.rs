//! Scores jobs and stages from signals: sum of fired weights, behavioural
//! evidence fading with the half-life.
