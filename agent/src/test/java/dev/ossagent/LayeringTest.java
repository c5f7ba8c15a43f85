package dev.ossagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/architecture.md lists the packages from the top of the flow down; an import may only point down that list. */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/ossagent");
    private static final Path MAP = Path.of("../docs/architecture.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z()]+)` \\|", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.ossagent\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyImportPointsDownTheMap() throws IOException {
        List<String> order = packagesInMap();
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String from = packageOf(file);
                Matcher imports = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (imports.find()) {
                    String to = imports.group(1);
                    if (!to.equals(from) && order.indexOf(to) <= order.indexOf(from)) {
                        upward.add(SOURCES.relativize(file) + " imports " + to);
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "imports that point up the map in docs/architecture.md");
    }

    @Test
    void everyPackageIsInTheMap() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        packages.add("(root)");
        assertEquals(packages, new TreeSet<>(packagesInMap()), "packages in the source tree and rows of the map");
    }

    private static List<String> packagesInMap() throws IOException {
        List<String> order = new ArrayList<>();
        Matcher rows = ROW.matcher(Files.readString(MAP, StandardCharsets.UTF_8));
        while (rows.find()) {
            order.add(rows.group(1));
        }
        assertTrue(order.size() > 10, "the map's table is where LayeringTest expects it");
        return order;
    }

    private static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? "(root)" : relative.getName(0).toString();
    }
}
