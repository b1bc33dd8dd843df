package org.ipythonblocks.grid;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A grid as people name it: its full URL ({@code http://www.ipythonblocks.org/bizkiL},
 * {@code …/secret/<id>}, an API URL {@code …/get/secret/<id>}), a path ({@code /secret/<id>}) or
 * a bare id. A bare id is public unless it has the shape of a new secret token; a legacy secret
 * grid is named with its {@code secret/} prefix.
 */
public record GridRef(boolean secret, String id) {

    private static final Pattern FORM = Pattern.compile(
            "(?:[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+)?/*(?:get/)?(secret/)?(" + GridIds.ID_REGEX + ")/*(?:[?#].*)?");

    public static Optional<GridRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group(2);
        return Optional.of(new GridRef(m.group(1) != null || GridIds.isToken(id), id));
    }

    @Override
    public String toString() {
        return secret ? "secret/" + id : id;
    }
}
