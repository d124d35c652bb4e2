package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.sql.ast.Statement;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement the parser can build has a known privilege rule ({@link StatementPrivileges}):
 * a new statement type fails this test until it is placed in a group, and meanwhile it is refused
 * to anyone without ADMIN rather than run unchecked.
 */
class StatementPrivilegesCoverageTest {
    private static final Path AST = Path.of("src/main/java/io/tessera/fe/sql/ast");

    @Test
    void everyStatementTypeIsClassified() throws IOException, ClassNotFoundException {
        List<Class<? extends Statement>> statements = new ArrayList<>();
        try (Stream<Path> files = Files.list(AST)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName("io.tessera.fe.sql.ast." + name);
                if (Statement.class.isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    statements.add(type.asSubclass(Statement.class));
                }
            }
        }

        assertThat(statements).as("statement types found in " + AST).hasSizeGreaterThan(40);
        assertThat(statements).filteredOn(type -> !StatementPrivileges.classified(type))
                .as("statement types without a privilege rule").isEmpty();
    }
}
