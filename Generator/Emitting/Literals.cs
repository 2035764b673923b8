using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SlthGen.Generator.Emitting;

/// <summary>Invariant-culture C# literals.</summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string String(string value)
    {
        var s = new StringBuilder("\"");
        foreach (char c in value)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        return s.Append('"').ToString();
    }

    /// <summary>Elements separated by commas, broken into lines of at most <paramref name="perLine"/> items.</summary>
    public static IEnumerable<string> Elements(IReadOnlyList<long> values, bool asLong, int perLine = 32)
    {
        var line = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            line.Append(asLong ? Long(values[i]) : Int(values[i])).Append(',');
            if ((i + 1) % perLine == 0 || i == values.Count - 1)
            {
                yield return line.ToString();
                line.Clear();
            }
            else
            {
                line.Append(' ');
            }
        }
    }
}
