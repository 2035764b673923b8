using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SlthGen.Generator.Parsing;

/// <summary>
/// A minimal JSON reader for the weights format of docs/weights.md. Hand-written on purpose: a
/// generator runs inside the compiler, which does not load System.Text.Json for analyzers on
/// every host, and shipping our own copy risks version conflicts. It accepts standard JSON and
/// returns objects as dictionaries, arrays as lists, integers as long, strings, bools and null.
/// </summary>
internal sealed class JsonWeights
{
    private readonly string _text;
    private int _at;

    private JsonWeights(string text) => _text = text;

    public static object? Parse(string text)
    {
        var reader = new JsonWeights(text);
        reader.SkipSpace();
        var value = reader.Value();
        reader.SkipSpace();
        if (reader._at != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private object? Value()
    {
        if (_at >= _text.Length)
        {
            throw Error("unexpected end of the file");
        }

        char c = _text[_at];
        switch (c)
        {
            case '{':
                return Object();
            case '[':
                return Array();
            case '"':
                return String();
            case 't':
                return Literal("true", true);
            case 'f':
                return Literal("false", false);
            case 'n':
                return Literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return Number();
                }

                throw Error($"unexpected character '{c}'");
        }
    }

    private Dictionary<string, object?> Object()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _at++;
        SkipSpace();
        if (Peek('}'))
        {
            _at++;
            return result;
        }

        while (true)
        {
            SkipSpace();
            if (!Peek('"'))
            {
                throw Error("expected a property name in double quotes");
            }

            string key = String();
            SkipSpace();
            Expect(':');
            SkipSpace();
            result[key] = Value();
            SkipSpace();
            if (Peek(','))
            {
                _at++;
                continue;
            }

            Expect('}');
            return result;
        }
    }

    private List<object?> Array()
    {
        var result = new List<object?>();
        _at++;
        SkipSpace();
        if (Peek(']'))
        {
            _at++;
            return result;
        }

        while (true)
        {
            SkipSpace();
            result.Add(Value());
            SkipSpace();
            if (Peek(','))
            {
                _at++;
                continue;
            }

            Expect(']');
            return result;
        }
    }

    private string String()
    {
        var s = new StringBuilder();
        _at++;
        while (_at < _text.Length)
        {
            char c = _text[_at++];
            if (c == '"')
            {
                return s.ToString();
            }

            if (c == '\\')
            {
                if (_at >= _text.Length)
                {
                    break;
                }

                char e = _text[_at++];
                s.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    'u' when _at + 4 <= _text.Length => (char)int.Parse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    _ => e,
                });
                if (e == 'u')
                {
                    _at += 4;
                }

                continue;
            }

            s.Append(c);
        }

        throw Error("unterminated string");
    }

    private object Number()
    {
        int start = _at;
        if (Peek('-'))
        {
            _at++;
        }

        while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] is '.' or 'e' or 'E' or '+' or '-'))
        {
            _at++;
        }

        string token = _text.Substring(start, _at - start);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
        {
            return real;
        }

        throw Error($"'{token}' is not a number");
    }

    private object? Literal(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
        {
            throw Error($"expected '{word}'");
        }

        _at += word.Length;
        return value;
    }

    private bool Peek(char c) => _at < _text.Length && _text[_at] == c;

    private void Expect(char c)
    {
        if (!Peek(c))
        {
            throw Error($"expected '{c}'");
        }

        _at++;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string problem)
    {
        int line = 1, column = 1;
        for (int i = 0; i < Math.Min(_at, _text.Length); i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new FormatException($"invalid JSON at line {line}, column {column}: {problem}");
    }
}
