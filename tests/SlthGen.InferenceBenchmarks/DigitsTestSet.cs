using System;
using System.Globalization;
using System.IO;
using SlthGen.Samples.DigitsTicket;

namespace SlthGen.InferenceBenchmarks;

/// <summary>The 450 test images of Samples/Digits/digits-test.npz (array <c>x</c>: int8 [450, 64], pixels 0–16; <c>y</c>: labels).</summary>
public sealed class DigitsTestSet
{
    /// <summary>The archive's file name (copied next to the assembly; else found in Samples/Digits above it).</summary>
    public const string FileName = "digits-test.npz";

    private DigitsTestSet(int[] pixels, int[] labels, string path)
    {
        Pixels = pixels;
        Labels = labels;
        Path = path;
    }

    /// <summary>Sample-major pixels, <see cref="DigitsTicket.InputCount"/> per image, in units of 2^-4.</summary>
    public int[] Pixels { get; }

    /// <summary>The digit of each image.</summary>
    public int[] Labels { get; }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Reads the test split with <see cref="NpzArchive.ReadFile"/>.</summary>
    /// <exception cref="FileNotFoundException">The archive is neither next to the assembly nor in a Samples/Digits folder above it or the working directory.</exception>
    /// <exception cref="InvalidDataException">The arrays do not have the expected shapes.</exception>
    public static DigitsTestSet Load()
    {
        string path = Locate();
        var archive = NpzArchive.ReadFile(path);
        var x = archive.Get("x");
        var y = archive.Get("y");
        if (x.Rank != 2 || x.Shape[1] != DigitsTicket.InputCount || y.Rank != 1 || y.Shape[0] != x.Shape[0])
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}: expected x [n, {DigitsTicket.InputCount}] and y [n]; found x {x} and y {y}."));
        }

        return new DigitsTestSet(Array.ConvertAll(x.ToInt64Array(), v => checked((int)v)), Array.ConvertAll(y.ToInt64Array(), v => checked((int)v)), path);
    }

    /// <summary><paramref name="count"/> images, sample-major, cycling through the test set.</summary>
    /// <param name="count">How many images.</param>
    public int[] CycledPixels(int count)
    {
        int d = DigitsTicket.InputCount;
        var result = new int[count * d];
        for (int s = 0; s < count; s++)
        {
            Pixels.AsSpan((s % Count) * d, d).CopyTo(result.AsSpan(s * d, d));
        }

        return result;
    }

    private static string Locate()
    {
        string beside = System.IO.Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside))
        {
            return beside;
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = System.IO.Path.Combine(dir.FullName, "Samples", "Digits", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{FileName} was found neither in {AppContext.BaseDirectory} nor in a Samples/Digits folder above it or above {Environment.CurrentDirectory}.", FileName);
    }
}
