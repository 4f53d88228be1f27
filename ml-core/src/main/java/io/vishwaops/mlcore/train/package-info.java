/**
 * Trainers over an already-numeric feature matrix: a {@link io.vishwaops.mlcore.train.Trainer} made by
 * {@link io.vishwaops.mlcore.train.Trainers} from an algorithm, a task and validated hyper-parameters fits a
 * {@link io.vishwaops.mlcore.train.Model} from a {@link io.vishwaops.mlcore.train.TrainingSet} and a seed. Categorical
 * columns are encoded by the caller (the feature pipeline): Smile's data-frame models encode categoricals at fit
 * time but not at predict time, so nothing here sees a string. Models are {@link java.io.Serializable} so the model
 * bundle can carry them; the same data and seed give the same predictions.
 */
package io.vishwaops.mlcore.train;
