package io.vishwaops.mlcore.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded train/test splits: the same labels, share and seed always give the same rows. */
public final class Splits {

    /** Row indexes of the two parts, each in ascending order. */
    public record Split(int[] train, int[] test) {
    }

    private Splits() {
    }

    /**
     * Holds out {@code testShare} of each class (rounded, at least one row of any class with two or more rows), so
     * both parts keep the class proportions.
     */
    public static Split stratified(int[] labels, double testShare, long seed) {
        checkShare(testShare);
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] test = new boolean[labels.length];
        for (List<Integer> rows : byClass) {
            shuffle(rows, random);
            int held = (int) Math.round(rows.size() * testShare);
            if (held == 0 && rows.size() >= 2) {
                held = 1;
            }
            for (int r = 0; r < held && r < rows.size() - 1; r++) {
                test[rows.get(r)] = true;
            }
        }
        return split(test);
    }

    /** Holds out {@code testShare} of the rows at random: for regression. */
    public static Split random(int rows, double testShare, long seed) {
        checkShare(testShare);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        shuffle(order, new SplittableRandom(seed));
        boolean[] test = new boolean[rows];
        int held = (int) Math.round(rows * testShare);
        for (int r = 0; r < held; r++) {
            test[order.get(r)] = true;
        }
        return split(test);
    }

    private static void checkShare(double testShare) {
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("the test share must be in (0, 1), was " + testShare);
        }
    }

    private static void shuffle(List<Integer> rows, SplittableRandom random) {
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, t);
        }
    }

    private static Split split(boolean[] test) {
        int held = 0;
        for (boolean t : test) {
            if (t) {
                held++;
            }
        }
        int[] trainRows = new int[test.length - held];
        int[] testRows = new int[held];
        int a = 0;
        int b = 0;
        for (int i = 0; i < test.length; i++) {
            if (test[i]) {
                testRows[b++] = i;
            } else {
                trainRows[a++] = i;
            }
        }
        return new Split(trainRows, testRows);
    }
}
