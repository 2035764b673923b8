using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// An AdditionalFiles item as the compiler passes it: a path whose text is read on demand. SlthGen
/// reads a weights file's bytes from the path itself (decoded text is lossy for .npz).
/// </summary>
public sealed class FileAdditionalText : AdditionalText
{
    /// <summary>Creates the item for an existing file.</summary>
    /// <param name="path">The full path.</param>
    public FileAdditionalText(string path) => Path = path;

    /// <inheritdoc/>
    public override string Path { get; }

    /// <inheritdoc/>
    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        using var stream = File.OpenRead(Path);
        return SourceText.From(stream, Encoding.UTF8, canBeEmbedded: false);
    }
}
