package org.policyminer;

import java.nio.file.Path;

/** Texts and paths shared by tests. */
public final class Fixtures {

    /** A paragraph of a Russian privacy policy, for charset and language tests. */
    public static final String RUSSIAN = "Мы собираем ваши персональные данные, только если вы сами их предоставляете. "
            + "Мы храним данные не дольше, чем это необходимо для целей обработки, и удаляем их по вашему запросу. "
            + "Вы можете связаться с нами по электронной почте, чтобы получить доступ к своим данным.";

    /** The bundled sample corpus (tests run from the repository root). */
    public static final Path CORPUS = Path.of("corpus");

    private Fixtures() {
    }
}
