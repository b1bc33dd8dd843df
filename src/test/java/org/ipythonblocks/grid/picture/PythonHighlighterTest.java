package org.ipythonblocks.grid.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.ipythonblocks.grid.picture.PythonHighlighter.Token;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PythonHighlighterTest {

    static String classes(String code) {
        return PythonHighlighter.tokens(code).stream().filter(t -> !t.css().isEmpty())
                .map(t -> t.css() + ":" + t.text()).collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "x", "'unterminated", "\"\"\"never\nclosed", "f(", "@", "0x", "1e", "é = 日本 + 🎉",
            "</pre><script>alert(1)</script>", "a\\\nb", "\t\r\n  \n", "r'\\''", "b\"\\\\\"" })
    void tokensPutTogetherGiveTheSourceBack(String code) {
        assertThat(PythonHighlighter.tokens(code).stream().map(Token::text).collect(Collectors.joining())).isEqualTo(code);
    }

    @Test
    void importsKeywordsNamesAndFunctions() {
        assertThat(classes("from ipythonblocks import BlockGrid, colors")).isEqualTo(
                "kn:from nn:ipythonblocks kn:import n:BlockGrid p:, n:colors");
        assertThat(classes("import os.path as p")).isEqualTo("kn:import nn:os.path k:as nn:p");
        assertThat(classes("def four(grid, col):\n    return None")).isEqualTo(
                "k:def nf:four p:( n:grid p:, n:col p:): k:return kc:None");
        assertThat(classes("class G(BlockGrid): pass")).isEqualTo("k:class nc:G p:( n:BlockGrid p:): k:pass");
        assertThat(classes("if a and not b in c: print(self.len)")).isEqualTo(
                "k:if n:a ow:and ow:not n:b ow:in n:c p:: nb:print p:( bp:self o:. n:len p:)");
    }

    @Test
    void numbersStringsCommentsAndOperators() {
        assertThat(classes("x = 10 + 2.5e-3 - 0xFF  # hex")).isEqualTo(
                "n:x o:= mi:10 o:+ mf:2.5e-3 o:- mh:0xFF c1:# hex");
        assertThat(classes("s = 'a' \"b\" f'c{x}' '''d\ne'''")).isEqualTo(
                "n:s o:= s1:'a' s2:\"b\" sa:f s1:'c{x}' s1:'''d\ne'''");
        assertThat(classes("grid[1:6, col] **= 2")).isEqualTo("n:grid p:[ mi:1 p:: mi:6 p:, n:col p:] o:**= mi:2");
        assertThat(classes("@decorator\ndef f(): pass")).startsWith("nd:@decorator k:def nf:f");
        assertThat(classes("a @ b")).isEqualTo("n:a o:@ n:b");
    }

    @Test
    void nonAsciiNamesAreNames() {
        List<Token> tokens = PythonHighlighter.tokens("café = '日本'  # 🎉");
        assertThat(tokens).first().isEqualTo(new Token("n", "café"));
        assertThat(classes("café = '日本'  # 🎉")).isEqualTo("n:café o:= s1:'日本' c1:# 🎉");
    }
}
