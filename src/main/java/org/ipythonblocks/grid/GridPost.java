package org.ipythonblocks.grid;

import java.util.List;

/**
 * A validated {@code POST /post} body: the six top-level fields the client sends (any other
 * top-level keys are ignored). Built only by {@link GridPostReader}, which enforces the original
 * site's JSON schema plus our fixes, so every instance is safe to store and to draw.
 */
public record GridPost(List<Object> pythonVersion, String ipbVersion, String ipbClass, List<String> codeCells,
        boolean secret, GridData gridData) {
}
