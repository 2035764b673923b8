using System;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// An immutable set of digit images: pixel values 0..16 (row-major, 8×8 for the UCI digits,
/// 28×28 for MNIST, one image after the other) and labels 0..9. A pixel value p is the input p·γ
/// for γ = 2^-4, i.e. p/16 ∈ [0, 1]: the integer inputs of the quantised network and of the
/// ticket are the pixel values themselves.
/// </summary>
public sealed class DigitsSet
{
    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    /// <summary>Creates a set of 8×8 images (the arrays are copied).</summary>
    /// <param name="pixels">n·64 pixel values in 0..16.</param>
    /// <param name="labels">n labels in 0..9.</param>
    /// <exception cref="ArgumentException">The lengths do not match or a value is out of range.</exception>
    public DigitsSet(ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> labels)
        : this(DigitsData.PixelCount, pixels, labels)
    {
    }

    /// <summary>Creates a set of images of <paramref name="pixelCount"/> pixels (the arrays are copied).</summary>
    /// <param name="pixelCount">Pixels per image (64 for the UCI digits, 784 for MNIST).</param>
    /// <param name="pixels">n·<paramref name="pixelCount"/> pixel values in 0..16.</param>
    /// <param name="labels">n labels in 0..9.</param>
    /// <exception cref="ArgumentException">The lengths do not match or a value is out of range.</exception>
    public DigitsSet(int pixelCount, ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelCount, 1);
        if (pixels.Length != (long)labels.Length * pixelCount)
        {
            throw new ArgumentException($"{labels.Length} labels need {(long)labels.Length * pixelCount} pixels, not {pixels.Length}.", nameof(pixels));
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

        PixelCount = pixelCount;
        _pixels = pixels.ToArray();
        _labels = labels.ToArray();
    }

    /// <summary>Pixels per image (the network's input count).</summary>
    public int PixelCount { get; }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>All pixel values, image after image (<see cref="Count"/> × <see cref="PixelCount"/>).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>All labels.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>The <see cref="PixelCount"/> pixel values of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(checked(index * PixelCount), PixelCount);

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Copies image <paramref name="index"/> into <paramref name="destination"/> as integers (units of γ = 2^-4), the form ticket entry points take.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="PixelCount"/>.</exception>
    public void CopyImage(int index, Span<int> destination)
    {
        if (destination.Length < PixelCount)
        {
            throw new ArgumentException($"The destination needs {PixelCount} elements.", nameof(destination));
        }

        var image = Image(index);
        for (int i = 0; i < image.Length; i++)
        {
            destination[i] = image[i];
        }
    }

    /// <summary>All images as one sample-major integer array (n × <see cref="PixelCount"/>, units of γ), the layout of a ticket's batch entry point.</summary>
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
        var pixels = new byte[indices.Length * PixelCount];
        var labels = new byte[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelCount));
            labels[i] = _labels[indices[i]];
        }

        return new DigitsSet(PixelCount, pixels, labels);
    }
}

/// <summary>A train/test split of the digits (see <see cref="DigitsData.Split(DigitsSet, long)"/>).</summary>
/// <param name="Train">The training images (1,347 for the default digits split, 8,000 for MNIST).</param>
/// <param name="Test">The test images (450 for the digits, 2,000 for MNIST).</param>
public sealed record DigitsSplit(DigitsSet Train, DigitsSet Test);
