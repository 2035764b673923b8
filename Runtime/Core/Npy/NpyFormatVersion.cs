namespace SlthGen;

/// <summary>The version of the .npy format to write (see docs/npy-support.md).</summary>
public enum NpyFormatVersion
{
    /// <summary>What NumPy chooses: 1.0 when the header fits its 16-bit length field, else 2.0.</summary>
    Automatic = 0,

    /// <summary>Format 1.0: 16-bit header length, latin-1 header (readable by every NumPy).</summary>
    Version1 = 1,

    /// <summary>Format 2.0: 32-bit header length, latin-1 header (NumPy ≥ 1.9).</summary>
    Version2 = 2,

    /// <summary>Format 3.0: 32-bit header length, UTF-8 header (NumPy ≥ 1.17).</summary>
    Version3 = 3,
}
