package io.vishwaops.mlcore.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.pipeline.InputColumn;

/** The UCI student data (shared/datasets/student) as raw rows, read the way ingestion types them. */
final class StudentData {

    static final Path FILE = Path.of("../../shared/datasets/student/student-mat.csv");

    private StudentData() {
    }

    static List<InputColumn> schema() throws IOException {
        String[] header = Files.readAllLines(FILE).getFirst().split(";");
        List<InputColumn> out = new ArrayList<>();
        for (String name : header) {
            out.add(InputColumn.of(name, isNumber(name) ? "integer" : "categorical"));
        }
        return out;
    }

    static List<Map<String, Object>> rows() throws IOException {
        List<String> lines = Files.readAllLines(FILE);
        String[] header = lines.getFirst().split(";");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(";");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int j = 0; j < header.length; j++) {
                String cell = cells[j].replace("\"", "");
                row.put(header[j], isNumber(header[j]) ? (Object) Integer.valueOf(cell) : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean isNumber(String column) {
        return List.of("age", "Medu", "Fedu", "traveltime", "studytime", "failures", "famrel", "freetime", "goout",
                "Dalc", "Walc", "health", "absences", "G1", "G2", "G3").contains(column);
    }
}
