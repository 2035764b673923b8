using System.Linq;
using System.Text;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Emitting;

/// <summary>
/// Hint names of generated files: readable, deterministic and unique. The readable part keeps
/// the namespace and type names with characters a file name may not hold replaced by '_'; when
/// that replacement changed anything (e.g. U+203F, a legal identifier character, and '_' would
/// otherwise give the same name), a 64-bit FNV-1a hash of the exact full name follows, so two
/// different networks never share a hint name.
/// </summary>
internal static class HintNames
{
    /// <summary>The hint name of a network's file: "Namespace.Outer+Inner.Name{suffix}[-hash].g.cs".</summary>
    public static string For(TypeShape type, string suffix)
    {
        var types = type.ContainingTypes.Select(d => d.Substring(d.LastIndexOf(' ') + 1)).Concat(new[] { type.Name }).Select(Unescape);
        string exact = (type.Namespace.Length > 0 ? Unescape(type.Namespace) + "." : string.Empty) + string.Join("+", types);
        string readable = Sanitize(exact);
        string hash = readable == exact ? string.Empty : "-" + Hash(exact);
        return readable + hash + suffix + ".g.cs";
    }

    /// <summary>Keeps ASCII letters, digits, '_', '.' and '+'; everything else becomes '_'.</summary>
    public static string Sanitize(string name)
    {
        var s = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            s.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '+' ? c : '_');
        }

        return s.ToString();
    }

    private static string Unescape(string name) => name.Replace("@", string.Empty);

    private static string Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
