package io.vishwaops.mlcore.metrics;

final class Checks {

    private Checks() {
    }

    static void sameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("truth has " + a + " values, predictions " + b);
        }
        if (a == 0) {
            throw new IllegalArgumentException("no values to evaluate");
        }
    }

    static void label(int label, int classCount, int row) {
        if (label < 0 || label >= classCount) {
            throw new IllegalArgumentException("row " + row + " has class " + label + ", outside 0.." + (classCount - 1));
        }
    }
}
