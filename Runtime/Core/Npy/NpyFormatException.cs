using System;

namespace SlthGen;

/// <summary>
/// A .npy file or .npz archive is malformed or holds something this library does not support.
/// The message says exactly what is wrong; <see cref="ArrayName"/> names the array (the .npz entry
/// name without <c>.npy</c>, or the file name) where it is known.
/// </summary>
public class NpyFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public NpyFormatException()
        : base("The .npy/.npz data is malformed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What is wrong.</param>
    public NpyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public NpyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about the array <paramref name="arrayName"/>.</summary>
    /// <param name="message">What is wrong (it should already mention the array).</param>
    /// <param name="arrayName">The array or .npz entry name, or null if unknown.</param>
    /// <param name="innerException">The underlying error, or null.</param>
    public NpyFormatException(string message, string? arrayName, Exception? innerException)
        : base(message, innerException)
    {
        ArrayName = arrayName;
    }

    /// <summary>The name of the array (or .npz entry, without <c>.npy</c>) concerned, or null if unknown.</summary>
    public string? ArrayName { get; }

    /// <summary>Builds the exception for <paramref name="arrayName"/>, prefixing the message with the name.</summary>
    internal static NpyFormatException For(string? arrayName, string detail, Exception? inner = null) =>
        new(arrayName is null ? detail : "Array '" + arrayName + "': " + detail, arrayName, inner);
}
