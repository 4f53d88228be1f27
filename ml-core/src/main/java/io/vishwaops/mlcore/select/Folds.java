package io.vishwaops.mlcore.select;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.vishwaops.mlcore.train.TrainingSet;

/**
 * Seeded k-fold assignment. For classification each class is shuffled and dealt round the folds in turn, continuing
 * where the previous class stopped, so every fold keeps the class shares (within one row) and the fold sizes differ by
 * at most one; for regression the rows are shuffled and dealt the same way.
 */
public final class Folds {

    private Folds() {
    }

    /**
     * The row indexes of each fold, ascending within a fold.
     *
     * @throws IllegalArgumentException when there are fewer rows than folds
     */
    public static int[][] assign(TrainingSet data, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds: must be at least 2, was " + folds);
        }
        if (data.size() < folds) {
            throw new IllegalArgumentException("folds: " + folds + " folds need at least as many rows, had "
                    + data.size());
        }
        List<List<Integer>> groups = new ArrayList<>();
        if (data.isClassification()) {
            for (int k = 0; k < data.classNames().size(); k++) {
                groups.add(new ArrayList<>());
            }
            for (int i = 0; i < data.size(); i++) {
                groups.get(data.labels()[i]).add(i);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                all.add(i);
            }
            groups.add(all);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[][] member = new boolean[folds][data.size()];
        int[] sizes = new int[folds];
        int next = 0;
        for (List<Integer> group : groups) {
            for (int i = group.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = group.get(i);
                group.set(i, group.get(j));
                group.set(j, t);
            }
            for (int row : group) {
                member[next][row] = true;
                sizes[next]++;
                next = (next + 1) % folds;
            }
        }
        int[][] out = new int[folds][];
        for (int f = 0; f < folds; f++) {
            out[f] = new int[sizes[f]];
            int n = 0;
            for (int i = 0; i < data.size(); i++) {
                if (member[f][i]) {
                    out[f][n++] = i;
                }
            }
        }
        return out;
    }

    /** Every row not in fold {@code f}, ascending: the part a fold's model is fitted on. */
    public static int[] allBut(int[][] folds, int f) {
        int total = 0;
        for (int g = 0; g < folds.length; g++) {
            if (g != f) {
                total += folds[g].length;
            }
        }
        int[] out = new int[total];
        int n = 0;
        for (int g = 0; g < folds.length; g++) {
            if (g != f) {
                System.arraycopy(folds[g], 0, out, n, folds[g].length);
                n += folds[g].length;
            }
        }
        java.util.Arrays.sort(out);
        return out;
    }
}
