using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// Paths in the repository. BenchmarkDotNet runs each case in a child process built elsewhere,
/// so the root is baked into the assembly at build time rather than found from the working directory.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root directory.</summary>
    public static string Root { get; } = typeof(RepositoryFiles).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SlthGen.RepositoryRoot")
        .Value ?? throw new InvalidOperationException("The SlthGen.RepositoryRoot assembly metadata is missing.");

    /// <summary>The full path of a file given relative to the root with '/' separators; throws if it does not exist.</summary>
    /// <param name="relative">For example <c>Samples/Digits/digits-4bit.npz</c>.</param>
    public static string Get(string relative)
    {
        string path = Path.GetFullPath(Path.Combine(Root, relative));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("A file the compile benchmarks measure is missing.", path);
        }

        return path;
    }
}
