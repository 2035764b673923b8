using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SlthGen.Generator.Model;

/// <summary>A source location as plain values (a <see cref="Location"/> would root the syntax tree in the pipeline).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>
    /// A real source location in <paramref name="trees"/> when the file is one of the
    /// compilation's syntax trees (so IDEs show it in the editor and <c>#pragma</c> applies),
    /// else a location in an external file (a weights file among the AdditionalFiles).
    /// </summary>
    public Location ToLocation(SourceTrees? trees = null) =>
        trees?.Find(FilePath) is { } tree && Span.End <= tree.Length
            ? Location.Create(tree, Span)
            : Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location?.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());
}

/// <summary>
/// The current compilation's syntax trees by file path, used only when diagnostics are reported
/// (never cached in a model), to turn a <see cref="LocationInfo"/> back into a source location.
/// </summary>
internal sealed class SourceTrees
{
    private readonly Compilation _compilation;
    private Dictionary<string, SyntaxTree>? _byPath;

    public SourceTrees(Compilation compilation) => _compilation = compilation;

    public SyntaxTree? Find(string path)
    {
        if (_byPath is null)
        {
            var byPath = new Dictionary<string, SyntaxTree>(System.StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (!byPath.ContainsKey(tree.FilePath))
                {
                    byPath.Add(tree.FilePath, tree);
                }
            }

            _byPath = byPath;
        }

        return _byPath.TryGetValue(path, out var found) ? found : null;
    }
}
