using System.Globalization;
using System.Text;

namespace Platform.Tests.Secrets;

/// <summary>A strict reader of the HCL subset Vault's server configuration uses (HCL 1 native syntax: attributes
/// <c>name = value</c> with quoted strings, numbers, booleans and lists, blocks <c>type "label"... { body }</c>, <c>#</c>
/// comments). No package of the NuGet feed parses HCL, so the tests decode what the renderer writes with this reader,
/// which fails on anything else: an unterminated string, a stray token, an attribute set twice in one body.</summary>
internal static class Hcl
{
    /// <summary>A block or the file: its attributes, and its blocks in order.</summary>
    public sealed record Body(IReadOnlyDictionary<string, object> Attributes, IReadOnlyList<Block> Blocks)
    {
        /// <summary>The blocks of type <paramref name="type"/>.</summary>
        public IReadOnlyList<Block> Of(string type) => [.. Blocks.Where(b => b.Type == type)];

        /// <summary>The one block of type <paramref name="type"/> (fails when there is not exactly one).</summary>
        public Block Single(string type) => Assert.Single(Blocks, b => b.Type == type);
    }

    /// <summary>A block: its type, labels and body.</summary>
    public sealed record Block(string Type, IReadOnlyList<string> Labels, Body Body);

    /// <summary>The file's top-level body.</summary>
    public static Body Parse(string text)
    {
        var tokens = Tokens(text);
        var position = 0;
        var body = ReadBody(tokens, ref position, topLevel: true);
        if (position != tokens.Count) throw new FormatException($"HCL: unexpected '{tokens[position].Text}'.");
        return body;
    }

    private enum Kind { Identifier, String, Number, Symbol }

    private sealed record Token(Kind Kind, string Text);

    private static Body ReadBody(List<Token> tokens, ref int position, bool topLevel)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        var blocks = new List<Block>();
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token is { Kind: Kind.Symbol, Text: "}" })
            {
                if (topLevel) throw new FormatException("HCL: '}' without a block.");
                return new Body(attributes, blocks);
            }
            if (token.Kind != Kind.Identifier) throw new FormatException($"HCL: expected a name, found '{token.Text}'.");
            position++;
            if (Peek(tokens, position) is { Kind: Kind.Symbol, Text: "=" })
            {
                position++;
                if (!attributes.TryAdd(token.Text, ReadValue(tokens, ref position)))
                    throw new FormatException($"HCL: attribute '{token.Text}' set twice.");
                continue;
            }
            var labels = new List<string>();
            while (Peek(tokens, position) is { Kind: Kind.String } label)
            {
                labels.Add(label.Text);
                position++;
            }
            Expect(tokens, ref position, "{");
            var inner = ReadBody(tokens, ref position, topLevel: false);
            Expect(tokens, ref position, "}");
            blocks.Add(new Block(token.Text, labels, inner));
        }
        if (!topLevel) throw new FormatException("HCL: a block is not closed.");
        return new Body(attributes, blocks);
    }

    private static object ReadValue(List<Token> tokens, ref int position)
    {
        var token = Peek(tokens, position) ?? throw new FormatException("HCL: a value is missing.");
        position++;
        switch (token.Kind)
        {
            case Kind.String: return token.Text;
            case Kind.Number: return long.Parse(token.Text, CultureInfo.InvariantCulture);
            case Kind.Identifier when token.Text is "true" or "false": return token.Text == "true";
            case Kind.Symbol when token.Text == "[":
                var list = new List<object>();
                while (Peek(tokens, position) is not { Kind: Kind.Symbol, Text: "]" })
                {
                    list.Add(ReadValue(tokens, ref position));
                    if (Peek(tokens, position) is { Kind: Kind.Symbol, Text: "," }) position++;
                    else if (Peek(tokens, position) is not { Kind: Kind.Symbol, Text: "]" }) throw new FormatException("HCL: expected ',' or ']'.");
                }
                position++;
                return list;
            default: throw new FormatException($"HCL: '{token.Text}' is not a value.");
        }
    }

    private static Token? Peek(List<Token> tokens, int position) => position < tokens.Count ? tokens[position] : null;

    private static void Expect(List<Token> tokens, ref int position, string symbol)
    {
        if (Peek(tokens, position) is not { Kind: Kind.Symbol } token || token.Text != symbol)
            throw new FormatException($"HCL: expected '{symbol}'.");
        position++;
    }

    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c is '{' or '}' or '[' or ']' or '=' or ',') { tokens.Add(new Token(Kind.Symbol, c.ToString())); i++; continue; }
            if (c == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length || text[i] == '\n') throw new FormatException("HCL: a string is not closed.");
                    if (text[i] == '"') { i++; break; }
                    if (text[i] == '\\')
                    {
                        if (i + 1 >= text.Length) throw new FormatException("HCL: a string ends in '\\'.");
                        value.Append(text[i + 1] switch
                        {
                            '"' => '"',
                            '\\' => '\\',
                            'n' => '\n',
                            _ => throw new FormatException($"HCL: unknown escape '\\{text[i + 1]}'."),
                        });
                        i += 2;
                        continue;
                    }
                    value.Append(text[i++]);
                }
                tokens.Add(new Token(Kind.String, value.ToString()));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                tokens.Add(new Token(Kind.Number, text[start..i]));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
                tokens.Add(new Token(Kind.Identifier, text[start..i]));
                continue;
            }
            throw new FormatException($"HCL: unexpected character '{c}'.");
        }
        return tokens;
    }
}
