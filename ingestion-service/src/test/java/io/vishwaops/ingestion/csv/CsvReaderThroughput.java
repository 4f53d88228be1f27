package io.vishwaops.ingestion.csv;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A rough timing of the reader alone: rows of 30 short columns generated on the fly, read and their values
 * touched. Not a test, no assertion; run it with
 * {@code java -cp target/classes:target/test-classes:<deps> io.vishwaops.ingestion.csv.CsvReaderThroughput [rows]}.
 */
final class CsvReaderThroughput {

    private CsvReaderThroughput() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            long values = 0;
            try (CsvReader csv = CsvReader.open(new Generated(rows))) {
                while (csv.hasNext()) {
                    values += csv.next().values().size();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%,d rows (%,d values) in %.2f s: %,.0f rows/s%n", rows, values, seconds, rows / seconds);
        }
    }

    /** A header of 30 columns, then rows cycling through a few hundred distinct lines. */
    private static final class Generated extends InputStream {

        private final byte[][] lines = new byte[257][];
        private final byte[] header;
        private final int rows;
        private int row = -1;
        private byte[] current;
        private int at;

        Generated(int rows) {
            this.rows = rows;
            StringBuilder h = new StringBuilder();
            for (int c = 0; c < 30; c++) {
                h.append(c == 0 ? "" : ",").append("col").append(c);
            }
            header = h.append('\n').toString().getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < lines.length; i++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < 30; c++) {
                    line.append(c == 0 ? "" : ",");
                    switch (c % 5) {
                        case 0 -> line.append(i * 7 + c);
                        case 1 -> line.append((i % 13) * 0.25 + c);
                        case 2 -> line.append(i % 3 == 0 ? "GP" : "MS");
                        case 3 -> line.append("\"q").append(i % 11).append('"');
                        default -> line.append(i % 17 == 0 ? "NA" : "yes");
                    }
                }
                lines[i] = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
            }
            current = header;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (at == current.length) {
                    if (++row >= rows) {
                        return n == 0 ? -1 : n;
                    }
                    current = lines[row % lines.length];
                    at = 0;
                }
                int k = Math.min(len - n, current.length - at);
                System.arraycopy(current, at, b, off + n, k);
                at += k;
                n += k;
            }
            return n;
        }
    }
}
