package io.vishwaops.mlcore.train;

import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.data.vector.ValueVector;

/**
 * Turns a numeric matrix into the data frame Smile's tree models fit on. Features are named f0..fn and the target
 * comes last, so a features-only tuple at predict time lines up with what the formula was bound to.
 */
final class SmileFrames {

    static final String TARGET = "target";

    private SmileFrames() {
    }

    static Formula formula() {
        return Formula.lhs(TARGET);
    }

    static DataFrame frame(TrainingSet data) {
        int p = data.featureCount();
        ValueVector[] columns = new ValueVector[p + 1];
        for (int j = 0; j < p; j++) {
            double[] column = new double[data.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = data.features()[i][j];
            }
            columns[j] = new DoubleVector(name(j), column);
        }
        columns[p] = data.isClassification() ? new IntVector(TARGET, data.labels().clone())
                : new DoubleVector(TARGET, data.targets().clone());
        return new DataFrame(columns);
    }

    static StructType featureSchema(int featureCount) {
        String[] names = new String[featureCount];
        for (int j = 0; j < featureCount; j++) {
            names[j] = name(j);
        }
        return DataFrame.of(new double[1][featureCount], names).schema();
    }

    static Tuple tuple(StructType schema, double[] row) {
        return Tuple.of(schema, row);
    }

    private static String name(int j) {
        return "f" + j;
    }
}
