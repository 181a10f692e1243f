package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.source.PythonModules;
import org.junit.jupiter.api.Test;

/** Module names of paths and relative imports, as {@code importlib.util.resolve_name} has them. */
class PythonModulesTest {

    @Test
    void aPackageInitIsItsPackage() {
        assertThat(PythonModules.moduleName("pkg/sub/__init__.py")).isEqualTo("pkg.sub");
        assertThat(PythonModules.isPackageInit("pkg/sub/__init__.py")).isTrue();
        assertThat(PythonModules.isPackageInit("pkg/sub/__init__.pyi")).isTrue();
        assertThat(PythonModules.isPackageInit("pkg/sub/mod.py")).isFalse();
        assertThat(PythonModules.isPackageInit("__init__.py")).isFalse();
    }

    @Test
    void relativeImportsStartAtThePackage() {
        // in pkg/sub/__init__.py
        assertThat(PythonModules.resolveRelative("pkg.sub", true, 1, null)).isEqualTo("pkg.sub");
        assertThat(PythonModules.resolveRelative("pkg.sub", true, 1, "m")).isEqualTo("pkg.sub.m");
        assertThat(PythonModules.resolveRelative("pkg.sub", true, 2, "m.n")).isEqualTo("pkg.m.n");
        assertThat(PythonModules.resolveRelative("pkg.sub", true, 3, "m")).isNull();
        // in pkg/sub/mod.py
        assertThat(PythonModules.resolveRelative("pkg.sub.mod", false, 1, null))
                .isEqualTo("pkg.sub");
        assertThat(PythonModules.resolveRelative("pkg.sub.mod", false, 2, "m")).isEqualTo("pkg.m");
        assertThat(PythonModules.resolveRelative("pkg.sub.mod", false, 3, "m")).isNull();
        // a top-level module has no package
        assertThat(PythonModules.resolveRelative("mod", false, 1, "m")).isNull();
    }
}
