/**
 * The ML kernel shared by training, serving and monitoring: the feature pipeline (fit and transform),
 * the model bundle format, trainers over Smile and XGBoost, evaluation metrics and the distribution
 * statistics behind drift detection. Plain Java: no Spring and no I/O besides streams, so serving applies
 * exactly what training fitted.
 */
package io.vishwaops.mlcore;
