package org.ipythonblocks.grid.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quarkus.qute.TemplateData;

/**
 * Splits Python source into tokens named with Pygments' short CSS classes ({@code k}, {@code n},
 * {@code o}, {@code mi}, {@code s2}, {@code c1}, ...), so {@code /static/pygments.css} colours them
 * as the original site's Pygments output was coloured. It only highlights: it never rejects input,
 * and the tokens concatenate back to exactly the source. Templates print each token's text with
 * Qute's escaping, so posted code can never become markup.
 */
public final class PythonHighlighter {

    /** A run of source text and its Pygments class; {@code css} is empty for plain text and whitespace. */
    @TemplateData
    public record Token(String css, String text) {
    }

    private static final Set<String> KEYWORDS = Set.of("assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "global", "if", "lambda", "nonlocal",
            "pass", "raise", "return", "try", "while", "with", "yield", "as");
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "not", "in", "is");
    private static final Set<String> CONSTANTS = Set.of("True", "False", "None");
    private static final Set<String> BUILTINS = Set.of("abs", "all", "any", "bin", "bool", "bytes", "callable",
            "chr", "dict", "dir", "divmod", "enumerate", "filter", "float", "format", "frozenset", "getattr",
            "hasattr", "hash", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "list",
            "map", "max", "min", "next", "object", "oct", "open", "ord", "pow", "print", "range", "repr",
            "reversed", "round", "set", "setattr", "slice", "sorted", "str", "sum", "super", "tuple", "type",
            "vars", "zip", "xrange", "raw_input", "unicode");
    private static final String OPERATOR_CHARS = "+-*/%@=<>!&|^~.";
    private static final String PUNCTUATION_CHARS = "()[]{},:;";

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    /** Class for the next name: {@code nf} after def, {@code nc} after class, {@code nn} in imports. */
    private String nextName;
    /** Inside {@code import a.b, c} (names are modules) or the module part of {@code from a.b}. */
    private boolean importingModules;

    private PythonHighlighter(String src) {
        this.src = src;
    }

    public static List<Token> tokens(String source) {
        PythonHighlighter h = new PythonHighlighter(source == null ? "" : source);
        h.run();
        return h.tokens;
    }

    private void run() {
        while (pos < src.length()) {
            int c = src.codePointAt(pos);
            int start = pos;
            if (c == '\n') {
                importingModules = false;
                nextName = null;
                pos++;
                emit("", start);
            } else if (Character.isWhitespace(c)) {
                while (pos < src.length() && src.charAt(pos) != '\n' && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
                emit("", start);
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                emit("c1", start);
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                emit("", start);
            } else if (isStringStart()) {
                string();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                number();
            } else if (isNameStart(c)) {
                name();
            } else if (c == '@' && pos + 1 < src.length() && isNameStart(src.codePointAt(pos + 1))
                    && lineBeforeIsBlank(start)) {
                pos++;
                while (pos < src.length() && (isNamePart(src.codePointAt(pos)) || src.charAt(pos) == '.')) {
                    pos += Character.charCount(src.codePointAt(pos));
                }
                emit("nd", start);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                if (c == '.' && importingModules) {
                    pos++;
                    emit("nn", start);
                } else {
                    while (pos < src.length() && OPERATOR_CHARS.indexOf(src.charAt(pos)) >= 0 && src.charAt(pos) != '.') {
                        pos++;
                    }
                    pos = Math.max(pos, start + 1);
                    emit("o", start);
                }
            } else if (PUNCTUATION_CHARS.indexOf(c) >= 0) {
                if (c == '(' || c == ')') {
                    importingModules = false;
                }
                pos++;
                emit("p", start);
            } else {
                pos += Character.charCount(c);
                emit("", start);
            }
        }
    }

    private void name() {
        int start = pos;
        while (pos < src.length() && isNamePart(src.codePointAt(pos))) {
            pos += Character.charCount(src.codePointAt(pos));
        }
        String word = src.substring(start, pos);
        boolean afterDot = start > 0 && src.charAt(start - 1) == '.';
        if (nextName != null) {
            emit(nextName, start);
            nextName = null;
        } else if (word.equals("import") || word.equals("from")) {
            emit("kn", start);
            // "from x import y": x is a module, y is not; "import x": x is a module.
            importingModules = word.equals("from") || !lineHasFrom(start);
        } else if (importingModules && word.equals("as")) {
            emit("k", start);
        } else if (importingModules) {
            emit("nn", start);
        } else if (afterDot) {
            emit("n", start);
        } else if (word.equals("def") || word.equals("class")) {
            emit("k", start);
            nextName = word.equals("def") ? "nf" : "nc";
        } else if (KEYWORDS.contains(word)) {
            emit("k", start);
        } else if (OPERATOR_WORDS.contains(word)) {
            emit("ow", start);
        } else if (CONSTANTS.contains(word)) {
            emit("kc", start);
        } else if (word.equals("self") || word.equals("cls")) {
            emit("bp", start);
        } else if (BUILTINS.contains(word)) {
            emit("nb", start);
        } else {
            emit("n", start);
        }
    }

    private void number() {
        int start = pos;
        String prefix = pos + 1 < src.length() ? src.substring(pos, pos + 2).toLowerCase(Locale.ROOT) : "";
        String css = switch (prefix) {
            case "0x" -> "mh";
            case "0b" -> "mb";
            case "0o" -> "mo";
            default -> "mi";
        };
        boolean prefixed = !css.equals("mi");
        pos += prefixed ? 2 : 0;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (!prefixed && (ch == 'e' || ch == 'E') && exponentFollows(pos + 1)) {
                css = "mf";
                pos += src.charAt(pos + 1) == '+' || src.charAt(pos + 1) == '-' ? 2 : 1;
            } else if (!prefixed && (ch == 'j' || ch == 'J' || ch == '.')) {
                css = "mf";
                pos++;
            } else if (Character.isLetterOrDigit(ch) || ch == '_') {
                pos++;
            } else {
                break;
            }
        }
        emit(css, start);
    }

    private boolean exponentFollows(int at) {
        if (at < src.length() && (src.charAt(at) == '+' || src.charAt(at) == '-')) {
            at++;
        }
        return at < src.length() && Character.isDigit(src.charAt(at));
    }

    private boolean isStringStart() {
        int i = pos;
        while (i < src.length() && i - pos < 2 && "rRbBuUfF".indexOf(src.charAt(i)) >= 0) {
            i++;
        }
        return i < src.length() && (src.charAt(i) == '\'' || src.charAt(i) == '"');
    }

    private void string() {
        int start = pos;
        while ("rRbBuUfF".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos > start) {
            emit("sa", start);
        }
        int bodyStart = pos;
        char quote = src.charAt(pos);
        String triple = String.valueOf(quote).repeat(3);
        boolean isTriple = src.startsWith(triple, pos);
        pos += isTriple ? 3 : 1;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '\\' && pos + 1 < src.length()) {
                pos += 2; // an escaped character (a raw string's backslash also keeps the quote after it)
            } else if (isTriple && src.startsWith(triple, pos)) {
                pos += 3;
                break;
            } else if (!isTriple && ch == quote) {
                pos++;
                break;
            } else if (!isTriple && ch == '\n') {
                break;
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, src.length());
        emit(quote == '"' ? "s2" : "s1", bodyStart);
    }

    private boolean lineHasFrom(int before) {
        int lineStart = src.lastIndexOf('\n', before - 1) + 1;
        return src.substring(lineStart, before).trim().startsWith("from ");
    }

    private boolean lineBeforeIsBlank(int before) {
        int lineStart = src.lastIndexOf('\n', before - 1) + 1;
        return src.substring(lineStart, before).isBlank();
    }

    private static boolean isNameStart(int c) {
        return c == '_' || Character.isUnicodeIdentifierStart(c);
    }

    private static boolean isNamePart(int c) {
        return c == '_' || Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }

    /** Adds {@code src[start, pos)} as a token, merged into the previous one when the class is the same. */
    private void emit(String css, int start) {
        if (pos <= start) {
            return;
        }
        String text = src.substring(start, pos);
        int last = tokens.size() - 1;
        if (last >= 0 && tokens.get(last).css().equals(css)) {
            tokens.set(last, new Token(css, tokens.get(last).text() + text));
        } else {
            tokens.add(new Token(css, text));
        }
    }
}
