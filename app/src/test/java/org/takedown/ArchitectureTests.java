package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shape the code keeps (README, "Architecture"): small classes and methods, no public type in an {@code internal}
 * package, each module's public surface counted in README, so that growing it is a visible decision, and the menu
 * advice on every page controller and on no API controller.
 */
class ArchitectureTests {

    static final int MAX_CLASS_LINES = 400;
    static final int MAX_METHOD_LINES = 60;

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path README = Path.of("../README.md");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.takedown");

    @Test
    void noPublicTypeInAnInternalPackage() {
        List<String> exposed = CLASSES.stream()
                .filter(c -> c.getPackageName().contains(".internal"))
                .filter(c -> c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName)
                .toList();
        assertThat(exposed).as("public types in internal packages").isEmpty();
    }

    @Test
    void everyPageControllerGetsTheMenu() {
        String[] advised = CLASSES.get("org.takedown.shared.web.MenuAdvice")
                .getAnnotationOfType(ControllerAdvice.class)
                .basePackages();
        java.util.function.Predicate<String> isAdvised =
                name -> Stream.of(advised).anyMatch(p -> name.startsWith(p + "."));
        List<String> pages = classNames(c -> c.isAnnotatedWith(Controller.class));
        List<String> apis = classNames(c ->
                c.isAnnotatedWith(RestController.class) && c.getPackageName().endsWith(".api"));
        assertThat(pages).as("page controllers").isNotEmpty();
        assertThat(apis).as("API controllers").isNotEmpty();
        assertThat(pages)
                .as("page controllers outside MenuAdvice's packages (their pages would have no menu)")
                .allMatch(isAdvised);
        assertThat(apis)
                .as("API controllers MenuAdvice advises (a model built for every API request)")
                .noneMatch(isAdvised);
    }

    private static List<String> classNames(java.util.function.Predicate<JavaClass> which) {
        return CLASSES.stream().filter(which).map(JavaClass::getName).toList();
    }

    @Test
    void noClassOverFourHundredLines() throws IOException {
        Map<String, Long> large = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines;
                try (Stream<String> text = Files.lines(file)) {
                    lines = text.count();
                }
                if (lines > MAX_CLASS_LINES) {
                    large.put(MAIN.relativize(file).toString(), lines);
                }
            }
        }
        assertThat(large).as("source files over " + MAX_CLASS_LINES + " lines").isEmpty();
    }

    /** A method's length: from the first line of its declaration to its closing brace, lambdas inside included. */
    @Test
    void noMethodOverSixtyLines() throws IOException {
        Map<String, Integer> lengths = methodLengths();
        assertThat(lengths).as("methods measured").hasSizeGreaterThan(500);
        Map<String, Integer> long_ = new TreeMap<>();
        lengths.forEach((method, lines) -> {
            if (lines > MAX_METHOD_LINES) {
                long_.put(method, lines);
            }
        });
        assertThat(long_).as("methods over " + MAX_METHOD_LINES + " lines").isEmpty();
    }

    /** README's table of each module's public surface is the one the code has. */
    @Test
    void readmeCountsEachModulesPublicSurface() throws IOException {
        assertThat(Files.readString(README))
                .as("README's module table; replace it with the table in this message")
                .contains(surfaceTable());
    }

    /**
     * Per module: public types in its root package (its API) and in its sub-packages (adapters, components), and the
     * public methods the API types declare (record accessors and enum constants' methods not counted).
     */
    static String surfaceTable() {
        Map<String, int[]> modules = new TreeMap<>();
        for (JavaClass type : CLASSES) {
            String[] parts = type.getPackageName().split("\\.");
            // pdq is a library of its own Maven module, on the class path as a directory or as a jar
            if (parts.length < 3 || parts[2].equals("pdq") || !isPublic(type) || type.isAnonymousClass()) {
                continue;
            }
            int[] counts = modules.computeIfAbsent(parts[2], m -> new int[3]);
            boolean api = parts.length == 3;
            counts[api ? 0 : 1]++;
            if (api) {
                counts[2] += (int) type.getMethods().stream()
                        .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                        .filter(m -> !m.getModifiers().contains(JavaModifier.SYNTHETIC))
                        .filter(m -> !isGenerated(type, m))
                        .count();
            }
        }
        StringBuilder table = new StringBuilder(
                "| module | public types in its package (API) | public types in sub-packages | public methods of the API |\n"
                        + "|---|---:|---:|---:|\n");
        modules.forEach((module, c) -> table.append("| ")
                .append(module)
                .append(" | ")
                .append(c[0])
                .append(" | ")
                .append(c[1])
                .append(" | ")
                .append(c[2])
                .append(" |\n"));
        return table.toString();
    }

    private static boolean isPublic(JavaClass type) {
        for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> GENERATED = Set.of("equals", "hashCode", "toString", "values", "valueOf");

    private static boolean isGenerated(JavaClass type, JavaMethod method) {
        if (GENERATED.contains(method.getName())) {
            return true;
        }
        return type.isRecord()
                && method.getParameters().isEmpty()
                && type.getAllFields().stream().anyMatch(f -> f.getName().equals(method.getName()));
    }

    /** Every method and constructor of the main sources with the lines it spans, from its signature to its brace. */
    private static Map<String, Integer> methodLengths() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(
                    null,
                    fileManager,
                    null,
                    List.of("--release", "21"),
                    null,
                    fileManager.getJavaFileObjectsFromPaths(sources));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            Map<String, Integer> lengths = new TreeMap<>();
            for (CompilationUnitTree unit : task.parse()) {
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        if (method.getBody() != null) {
                            long first = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, method));
                            long last = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, method));
                            String name = MAIN.toAbsolutePath()
                                            .relativize(
                                                    Path.of(unit.getSourceFile().toUri())) + ":" + first + " "
                                    + method.getName();
                            lengths.put(name, (int) (last - first + 1));
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
            return lengths;
        }
    }
}
