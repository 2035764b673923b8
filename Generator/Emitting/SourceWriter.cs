using System;
using System.Text;

namespace SlthGen.Generator.Emitting;

/// <summary>A StringBuilder with indentation; every block it opens must be closed.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public int Indent => _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>A line without indentation (the inside of a multi-line string literal).</summary>
    public SourceWriter Raw(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Opens a block under a header written before (for example by <see cref="Block"/>).</summary>
    public SourceWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced block.");
        }

        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>
    /// Writes a multi-line template (a raw string literal as it reads in the emitter) at the
    /// current indentation: the template's own common indentation is removed first, so constant
    /// text reads like the code it produces. Braces in the template do not change the indentation.
    /// </summary>
    public SourceWriter Block(string template)
    {
        var lines = template.Replace("\r\n", "\n").Split('\n');
        int common = int.MaxValue;
        foreach (string line in lines)
        {
            if (line.Trim().Length > 0)
            {
                common = Math.Min(common, line.Length - line.TrimStart(' ').Length);
            }
        }

        foreach (string line in lines)
        {
            Line(line.Trim().Length == 0 ? string.Empty : line.Substring(common));
        }

        return this;
    }

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("A block was left open.");
        }

        return _text.ToString();
    }
}
