/**
 * Model selection and evaluation over the trainers: {@link io.vishwaops.mlcore.select.ModelSelection} runs a
 * cross-validated grid or random search over candidate algorithms and their hyper-parameters into a leaderboard,
 * and {@link io.vishwaops.mlcore.select.Evaluation} measures a fitted model on held-out rows under the metric names
 * pipeline specs and promotion gates use. Seeded throughout: the same spec and data give the same leaderboard however
 * the trials are scheduled on threads.
 */
package io.vishwaops.mlcore.select;
