namespace SlthGen;

/// <summary>The NumPy element types that <see cref="NpyArray"/> supports.</summary>
public enum NpyDType
{
    /// <summary>bool, descriptor <c>|b1</c>: one byte, 0 or 1.</summary>
    Bool,

    /// <summary>int8, descriptor <c>|i1</c>.</summary>
    Int8,

    /// <summary>uint8, descriptor <c>|u1</c>.</summary>
    UInt8,

    /// <summary>int16, descriptor <c>&lt;i2</c> (<c>&gt;i2</c> is also read).</summary>
    Int16,

    /// <summary>int32, descriptor <c>&lt;i4</c> (<c>&gt;i4</c> is also read).</summary>
    Int32,

    /// <summary>int64, descriptor <c>&lt;i8</c> (<c>&gt;i8</c> is also read).</summary>
    Int64,

    /// <summary>float32, descriptor <c>&lt;f4</c> (<c>&gt;f4</c> is also read).</summary>
    Float32,

    /// <summary>float64, descriptor <c>&lt;f8</c> (<c>&gt;f8</c> is also read).</summary>
    Float64,

    /// <summary>
    /// Fixed-length unicode strings, descriptor <c>&lt;U{n}</c>: n UCS-4 code points per element,
    /// padded with NUL (<c>&gt;U{n}</c> is also read).
    /// </summary>
    Unicode,
}
