using System;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// An immutable set of digit images: pixel values 0..16 (row-major 8×8, one image after the
/// other) and labels 0..9. A pixel value p is the input p·γ for γ = 2^-4, i.e. p/16 ∈ [0, 1]:
/// the integer inputs of the quantised network and of the ticket are the pixel values themselves.
/// </summary>
public sealed class DigitsSet
{
    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    /// <summary>Creates a set (the arrays are copied).</summary>
    /// <param name="pixels">n·64 pixel values in 0..16.</param>
    /// <param name="labels">n labels in 0..9.</param>
    /// <exception cref="ArgumentException">The lengths do not match or a value is out of range.</exception>
    public DigitsSet(ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> labels)
    {
        if (pixels.Length != labels.Length * DigitsData.PixelCount)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * DigitsData.PixelCount} pixels, not {pixels.Length}.", nameof(pixels));
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] > DigitsData.MaxPixel)
            {
                throw new ArgumentException($"pixels[{i}] = {pixels[i]} is outside 0..{DigitsData.MaxPixel}.", nameof(pixels));
            }
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= DigitsData.ClassCount)
            {
                throw new ArgumentException($"labels[{i}] = {labels[i]} is outside 0..{DigitsData.ClassCount - 1}.", nameof(labels));
            }
        }

        _pixels = pixels.ToArray();
        _labels = labels.ToArray();
    }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>All pixel values, image after image (<see cref="Count"/> × 64).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>All labels.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>The 64 pixel values of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(checked(index * DigitsData.PixelCount), DigitsData.PixelCount);

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Copies image <paramref name="index"/> into <paramref name="destination"/> as integers (units of γ = 2^-4), the form ticket entry points take.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 64.</exception>
    public void CopyImage(int index, Span<int> destination)
    {
        if (destination.Length < DigitsData.PixelCount)
        {
            throw new ArgumentException($"The destination needs {DigitsData.PixelCount} elements.", nameof(destination));
        }

        var image = Image(index);
        for (int i = 0; i < image.Length; i++)
        {
            destination[i] = image[i];
        }
    }

    /// <summary>All images as one sample-major integer array (n × 64, units of γ), the layout of a ticket's batch entry point.</summary>
    public int[] ToInt32Inputs()
    {
        var result = new int[_pixels.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _pixels[i];
        }

        return result;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public DigitsSet Select(ReadOnlySpan<int> indices)
    {
        var pixels = new byte[indices.Length * DigitsData.PixelCount];
        var labels = new byte[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * DigitsData.PixelCount));
            labels[i] = _labels[indices[i]];
        }

        return new DigitsSet(pixels, labels);
    }
}

/// <summary>A train/test split of the digits (see <see cref="DigitsData.Split(DigitsSet, long)"/>).</summary>
/// <param name="Train">The training images (1,347 for the default split).</param>
/// <param name="Test">The test images (450).</param>
public sealed record DigitsSplit(DigitsSet Train, DigitsSet Test);
