package io.vishwaops.validation.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch's values of one column look like, built a poll at a time and merged. Every part merges exactly:
 * counts and sums add, categories add (up to {@value #MAX_CATEGORIES}, the rest counted together), and the
 * numeric sample keeps the {@value #SAMPLE} values whose records have the smallest hashes, which is the same
 * sample however the batch was split, so quantiles and histograms do not depend on poll boundaries. Distinct
 * values are counted exactly up to {@value #DISTINCT}, then estimated from the {@value #DISTINCT} smallest value
 * hashes (a k-minimum-values sketch, which merges exactly too; about 6% relative error).
 */
public final class ColumnProfile {

    static final int MAX_CATEGORIES = 50;
    static final int SAMPLE = 256;
    static final int DISTINCT = 256;

    public long count;
    public long missing;
    public Double min;
    public Double max;
    public double sum;
    public double sumOfSquares;
    public long numbers;
    /** Each category's count, counted in place while a part is built; stored and shown sorted by category. */
    private transient Map<String, long[]> categories = new HashMap<>();
    public long otherCategories;
    /** [record hash, value] pairs, the smallest hashes. */
    public List<double[]> sample = new ArrayList<>();
    /**
     * The smallest (63-bit, so that they sort the same way signed) hashes of the distinct values seen: kept in an
     * array that takes new hashes unsorted and is sorted, de-duplicated and cut to {@value #DISTINCT} when it has
     * twice that many, so that building a part costs a primitive sort rather than a tree insert per value.
     */
    private transient long[] hashes = new long[64];
    private transient int hashCount;
    private transient boolean compacted = true;

    void add(Object value, long recordHash) {
        count++;
        if (value == null) {
            missing++;
            return;
        }
        if (value instanceof Number number) {
            remember(hash(value) >>> 1);
            double x = number.doubleValue();
            numbers++;
            sum += x;
            sumOfSquares += x * x;
            // boxed only when they move (numbers are finite: coercion refuses the others)
            if (min == null || x < min) {
                min = x;
            }
            if (max == null || x > max) {
                max = x;
            }
            // once the sample is full, only a record with a smaller hash than the largest kept can enter it
            if (sample.size() < SAMPLE || recordHash < sampleCutoff) {
                sample.add(new double[] {recordHash, x});
                if (sample.size() >= SAMPLE * 2) {
                    trim();
                }
            }
            return;
        }
        String category = value.toString();
        long[] counted = categories.get(category);
        if (counted != null) {
            // a category counted before had its hash remembered then: the sketch holds it, or has dropped it and
            // would drop it again
            counted[0]++;
            return;
        }
        remember(hash(category) >>> 1);
        count(category, 1);
    }

    private void count(String category, long n) {
        long[] counted = categories.get(category);
        if (counted != null) {
            counted[0] += n;
        }
        else if (categories.size() < MAX_CATEGORIES) {
            categories.put(category, new long[] {n});
        }
        else {
            otherCategories += n;
        }
    }

    /** The categories counted and their counts, sorted by category. */
    @com.fasterxml.jackson.annotation.JsonProperty("categories")
    public Map<String, Long> categories() {
        Map<String, Long> sorted = new TreeMap<>();
        categories.forEach((category, n) -> sorted.put(category, n[0]));
        return sorted;
    }

    @com.fasterxml.jackson.annotation.JsonProperty("categories")
    void categories(Map<String, Long> stored) {
        categories = HashMap.newHashMap(stored.size());
        stored.forEach((category, n) -> categories.put(category, new long[] {n}));
    }

    void merge(ColumnProfile other) {
        count += other.count;
        missing += other.missing;
        numbers += other.numbers;
        sum += other.sum;
        sumOfSquares += other.sumOfSquares;
        if (other.min != null) {
            min = min == null ? other.min : Math.min(min, other.min);
            max = max == null ? other.max : Math.max(max, other.max);
        }
        // in category order, so that which categories a merge keeps does not depend on hash order
        other.categories().forEach(this::count);
        otherCategories += other.otherCategories;
        sample.addAll(other.sample);
        trim();
        for (long hash : other.valueHashes()) {
            remember(hash);
        }
    }

    private void remember(long hash) {
        // once DISTINCT hashes are kept, most values of a large batch are above the largest: one comparison
        if (hash >= hashCutoff) {
            return;
        }
        if (hashCount == hashes.length) {
            if (hashCount >= 2 * DISTINCT) {
                compact();
            }
            else {
                hashes = java.util.Arrays.copyOf(hashes, hashes.length * 2);
            }
        }
        hashes[hashCount++] = hash;
        compacted = false;
    }

    /** Sorts the kept hashes, drops repeats and keeps the {@value #DISTINCT} smallest. */
    private void compact() {
        if (compacted) {
            return;
        }
        java.util.Arrays.sort(hashes, 0, hashCount);
        int distinct = 0;
        for (int i = 0; i < hashCount && distinct < DISTINCT; i++) {
            if (distinct == 0 || hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        hashCount = distinct;
        compacted = true;
        if (hashCount >= DISTINCT) {
            hashCutoff = hashes[hashCount - 1];
        }
    }

    /** The kept value hashes, ascending, as the stored profile holds them. */
    @com.fasterxml.jackson.annotation.JsonProperty("valueHashes")
    public long[] valueHashes() {
        compact();
        return java.util.Arrays.copyOf(hashes, hashCount);
    }

    @com.fasterxml.jackson.annotation.JsonProperty("valueHashes")
    void valueHashes(long[] stored) {
        hashes = java.util.Arrays.copyOf(stored, Math.max(64, stored.length));
        hashCount = stored.length;
        compacted = false;
        hashCutoff = Long.MAX_VALUE;
        compact();
    }

    /** The largest value hash kept once the set is full; not part of the stored profile. */
    private transient long hashCutoff = Long.MAX_VALUE;

    /** Distinct values: exact below {@value #DISTINCT}, estimated above. */
    long distinct() {
        compact();
        if (hashCount < DISTINCT) {
            return hashCount;
        }
        double kth = hashes[hashCount - 1] / 0x1p63;
        return Math.round((DISTINCT - 1) / kth);
    }

    /**
     * A 64-bit hash of a value: numbers by their value (so 18 and 18.0 are one value), text by FNV-1a over its
     * characters; then a finaliser so that similar values spread over the whole range.
     */
    static long hash(Object value) {
        long h;
        if (value instanceof Number number) {
            double x = number.doubleValue();
            h = Double.doubleToLongBits(x == 0.0 ? 0.0 : x);
        }
        else {
            String text = value.toString();
            h = 0xcbf29ce484222325L;
            for (int i = 0; i < text.length(); i++) {
                h ^= text.charAt(i);
                h *= 0x100000001b3L;
            }
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Keeps the {@value #SAMPLE} pairs of smallest record hash (then smallest value), in no particular order: the
     * cut is found by sorting the hashes alone, as primitives, and only pairs tied at it are compared whole.
     */
    void trim() {
        int n = sample.size();
        if (n < SAMPLE) {
            sampleCutoff = Double.POSITIVE_INFINITY;
            return;
        }
        double[] hashes = new double[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = sample.get(i)[0];
        }
        java.util.Arrays.sort(hashes);
        double cutoff = hashes[SAMPLE - 1];
        if (n > SAMPLE) {
            List<double[]> kept = new ArrayList<>(2 * SAMPLE);
            List<double[]> tied = new ArrayList<>();
            for (double[] pair : sample) {
                if (pair[0] < cutoff) {
                    kept.add(pair);
                }
                else if (pair[0] == cutoff) {
                    tied.add(pair);
                }
            }
            tied.sort(ColumnProfile::byHashThenValue);
            kept.addAll(tied.subList(0, SAMPLE - kept.size()));
            sample = kept;
        }
        sampleCutoff = cutoff;
    }

    private static int byHashThenValue(double[] a, double[] b) {
        int byHash = Double.compare(a[0], b[0]);
        return byHash != 0 ? byHash : Double.compare(a[1], b[1]);
    }

    /** The largest record hash kept once the sample is full; not part of the stored profile. */
    private transient double sampleCutoff = Double.POSITIVE_INFINITY;

    Double mean() {
        return numbers == 0 ? null : sum / numbers;
    }

    Double stdev() {
        if (numbers < 2) {
            return null;
        }
        double mean = sum / numbers;
        return Math.sqrt(Math.max(0, (sumOfSquares - numbers * mean * mean) / (numbers - 1)));
    }

    /** The sample's {@code q} quantile (linear interpolation), or null without numbers. */
    Double quantile(double q) {
        double[] values = sorted();
        if (values.length == 0) {
            return null;
        }
        double at = q * (values.length - 1);
        int low = (int) Math.floor(at);
        int high = (int) Math.ceil(at);
        return values[low] + (values[high] - values[low]) * (at - low);
    }

    double[] sorted() {
        return sample.stream().mapToDouble(pair -> pair[1]).sorted().toArray();
    }

    /** Counts of the sample in {@code bins} equal-width bins between min and max. */
    long[] histogram(int bins) {
        long[] counts = new long[bins];
        if (min == null || max == null) {
            return counts;
        }
        double width = (max - min) / bins;
        for (double x : sorted()) {
            int bin = width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((x - min) / width));
            counts[bin]++;
        }
        return counts;
    }

    Map<String, Long> topCategories(int n) {
        Map<String, Long> top = new java.util.LinkedHashMap<>();
        categories().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /**
     * Writes this profile compactly (the sample and the value hashes as raw 8-byte numbers): a profile part is
     * stored for every poll, and as JSON its thousands of numbers cost more to write, and for PostgreSQL to parse,
     * than the records it profiles.
     */
    void write(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeLong(count);
        out.writeLong(missing);
        out.writeLong(numbers);
        out.writeDouble(sum);
        out.writeDouble(sumOfSquares);
        out.writeBoolean(min != null);
        if (min != null) {
            out.writeDouble(min);
            out.writeDouble(max);
        }
        out.writeLong(otherCategories);
        out.writeInt(categories.size());
        for (Map.Entry<String, Long> category : categories().entrySet()) {
            writeText(out, category.getKey());
            out.writeLong(category.getValue());
        }
        out.writeInt(sample.size());
        for (double[] pair : sample) {
            out.writeDouble(pair[0]);
            out.writeDouble(pair[1]);
        }
        long[] kept = valueHashes();
        out.writeInt(kept.length);
        for (long hash : kept) {
            out.writeLong(hash);
        }
    }

    /** A profile written by {@link #write}. */
    static ColumnProfile read(java.io.DataInputStream in) throws java.io.IOException {
        ColumnProfile profile = new ColumnProfile();
        profile.count = in.readLong();
        profile.missing = in.readLong();
        profile.numbers = in.readLong();
        profile.sum = in.readDouble();
        profile.sumOfSquares = in.readDouble();
        if (in.readBoolean()) {
            profile.min = in.readDouble();
            profile.max = in.readDouble();
        }
        profile.otherCategories = in.readLong();
        int categories = in.readInt();
        for (int i = 0; i < categories; i++) {
            String category = readText(in);
            profile.categories.put(category, new long[] {in.readLong()});
        }
        int samples = in.readInt();
        profile.sample = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            profile.sample.add(new double[] {in.readDouble(), in.readDouble()});
        }
        long[] hashes = new long[in.readInt()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = in.readLong();
        }
        profile.valueHashes(hashes);
        return profile;
    }

    /** UTF-8 with its length first: a category is a value, and may be longer than {@code writeUTF} takes. */
    static void writeText(java.io.DataOutputStream out, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readText(java.io.DataInputStream in) throws java.io.IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, ColumnProfile> mergeAll(List<Map<String, ColumnProfile>> parts) {
        Map<String, ColumnProfile> merged = new HashMap<>();
        for (Map<String, ColumnProfile> part : parts) {
            part.forEach((column, profile) -> merged.computeIfAbsent(column, c -> new ColumnProfile()).merge(profile));
        }
        return merged;
    }
}
