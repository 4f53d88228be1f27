package io.vishwaops.training.pipeline;

import java.util.List;

import io.vishwaops.mlcore.select.Evaluation;
import io.vishwaops.mlcore.train.Task;

/** The test and CV metrics a pipeline may rank by and gate on, per task (ml-core's names), and which way is better. */
public final class MetricNames {

    private MetricNames() {
    }

    public static List<String> forTask(Task task) {
        return List.copyOf(Evaluation.metricsFor(task));
    }

    public static boolean higherIsBetter(String metric) {
        return Evaluation.higherIsBetter(metric);
    }

    public static String defaultPrimary(Task task) {
        return task == Task.REGRESSION ? Evaluation.RMSE : Evaluation.F1_MACRO;
    }
}
