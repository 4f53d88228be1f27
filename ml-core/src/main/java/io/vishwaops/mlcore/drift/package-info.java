/**
 * The distribution statistics behind drift detection, each matching the library monitoring users know it from:
 * two-sample Kolmogorov–Smirnov ({@code scipy.stats.ks_2samp}), χ² ({@code scipy.stats.chisquare}), the
 * two-proportion Z-test, Wasserstein ({@code scipy.stats.wasserstein_distance}), Jensen–Shannon
 * ({@code scipy.spatial.distance.jensenshannon}) and PSI, combined with Evidently's defaults in {@link
 * io.vishwaops.mlcore.drift.DriftTest} and {@link io.vishwaops.mlcore.drift.DatasetDrift}. The special functions
 * (incomplete gamma, erfc, the Kolmogorov distribution) are implemented here, so ml-core needs nothing but the JDK.
 */
package io.vishwaops.mlcore.drift;
