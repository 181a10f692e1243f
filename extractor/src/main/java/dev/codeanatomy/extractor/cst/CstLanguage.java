package dev.codeanatomy.extractor.cst;

import dev.codeanatomy.extractor.facts.FactWriter;

/** A source language the extractor can parse: which paths it takes and how to extract them. */
public interface CstLanguage {

    /** The {@code files.language} value, e.g. {@code python}. */
    String name();

    /** Whether a repository-relative path is a source file of this language. */
    boolean accepts(String path);

    /** Decodes file bytes to UTF-8 text; see {@link Decoded}. */
    Decoded decode(byte[] bytes);

    /** A new extractor for one thread. */
    Extractor newExtractor();

    /** UTF-8 text, or why the file cannot be read; exactly one is non-null. */
    record Decoded(byte[] utf8, String skipReason) {}

    /** Extracts the CST facts of one file; used by one thread at a time. */
    interface Extractor extends AutoCloseable {
        /**
         * Writes the CST facts of {@code utf8} (the text of {@code path}).
         *
         * @return syntax errors recovered from, and the 0-based line of the first (-1 if none)
         */
        PythonCstExtractor.Result extract(byte[] utf8, String path, FactWriter out);

        @Override
        void close();
    }

    /** Python 3 via tree-sitter-python; PEP 263 decoding. */
    CstLanguage PYTHON =
            new CstLanguage() {
                @Override
                public String name() {
                    return "python";
                }

                @Override
                public boolean accepts(String path) {
                    return dev.codeanatomy.extractor.source.PythonModules.isPython(path);
                }

                @Override
                public Decoded decode(byte[] bytes) {
                    var d = dev.codeanatomy.extractor.source.PythonSourceDecoder.decode(bytes);
                    return new Decoded(d.utf8(), d.skipReason());
                }

                @Override
                public Extractor newExtractor() {
                    PythonCstExtractor cst = new PythonCstExtractor();
                    return new Extractor() {
                        @Override
                        public PythonCstExtractor.Result extract(
                                byte[] utf8, String path, FactWriter out) {
                            return cst.extract(
                                    utf8,
                                    dev.codeanatomy.extractor.source.PythonModules.moduleName(path),
                                    dev.codeanatomy.extractor.source.PythonModules.isPackageInit(
                                            path),
                                    out);
                        }

                        @Override
                        public void close() {
                            cst.close();
                        }
                    };
                }
            };
}
