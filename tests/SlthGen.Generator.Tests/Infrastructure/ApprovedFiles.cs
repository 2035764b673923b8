using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace SlthGen.Generator.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots: <c>Snapshots/&lt;Test&gt;/&lt;HintName&gt;.txt</c> holds the approved text of
/// each generated file. A difference writes <c>&lt;HintName&gt;.received.txt</c> beside it and fails
/// with a short diff; with <c>SLTHGEN_ACCEPT=1</c> the received text becomes the approved one.
/// </summary>
internal static class ApprovedFiles
{
    public const string AcceptVariable = "SLTHGEN_ACCEPT";

    private const string ApprovedSuffix = ".txt";
    private const string ReceivedSuffix = ".received.txt";

    private static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    /// <summary>The test project's source directory (recorded at build time; else found from the output folder).</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>Checks every file against its approved text, and that no approved file is left without a generated one.</summary>
    public static void Verify(string testName, IEnumerable<(string HintName, string Text)> files)
    {
        string directory = Path.Combine(ProjectDirectory, "Snapshots", testName);
        Directory.CreateDirectory(directory);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (hintName, text) in files)
        {
            seen.Add(hintName);
            string approvedPath = Path.Combine(directory, hintName + ApprovedSuffix);
            string receivedPath = Path.Combine(directory, hintName + ReceivedSuffix);
            string received = Normalize(text);
            string? approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
            if (approved == received)
            {
                File.Delete(receivedPath);
                continue;
            }

            if (Accepting)
            {
                File.WriteAllText(approvedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            failures.Add(approved is null
                ? $"{hintName}: no approved file {Relative(approvedPath)} (received text written to {Relative(receivedPath)})."
                : $"{hintName} differs from {Relative(approvedPath)} (received text written to {Relative(receivedPath)}):\n{ShortDiff(approved, received)}");
        }

        foreach (string path in Directory.GetFiles(directory, "*" + ApprovedSuffix))
        {
            string name = Path.GetFileName(path);
            if (name.EndsWith(ReceivedSuffix, StringComparison.Ordinal) || seen.Contains(name.Substring(0, name.Length - ApprovedSuffix.Length)))
            {
                continue;
            }

            if (Accepting)
            {
                File.Delete(path);
            }
            else
            {
                failures.Add($"{Relative(path)} is approved but no longer generated.");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures) + $"\n\nIf the change is intended, rerun with {AcceptVariable}=1 and commit the approved files.");
    }

    /// <summary>The first differing line with a few lines of context from each side.</summary>
    internal static string ShortDiff(string approved, string received, int context = 3)
    {
        string[] a = approved.Split('\n');
        string[] b = received.Split('\n');
        int first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        int lastA = a.Length - 1, lastB = b.Length - 1;
        while (lastA >= first && lastB >= first && a[lastA] == b[lastB])
        {
            lastA--;
            lastB--;
        }

        var diff = new StringBuilder();
        diff.Append("@@ line ").Append(first + 1).Append(": ").Append(lastA - first + 1).Append(" approved line(s) → ").Append(lastB - first + 1).Append(" received line(s) @@\n");
        for (int i = Math.Max(0, first - context); i < first; i++)
        {
            diff.Append("  ").Append(a[i]).Append('\n');
        }

        for (int i = first; i <= lastA && i < first + context; i++)
        {
            diff.Append("- ").Append(a[i]).Append('\n');
        }

        for (int i = first; i <= lastB && i < first + context; i++)
        {
            diff.Append("+ ").Append(b[i]).Append('\n');
        }

        return diff.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(ProjectDirectory, path);

    private static string FindProjectDirectory()
    {
        string? recorded = typeof(ApprovedFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SlthGen.ProjectDirectory")?.Value;
        if (recorded is not null && Directory.Exists(recorded))
        {
            return recorded;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SlthGen.Generator.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the directory of SlthGen.Generator.Tests.csproj for the approved files.");
    }
}
