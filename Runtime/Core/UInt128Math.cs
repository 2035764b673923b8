namespace SlthGen;

/// <summary>64×64→128-bit multiplication, portable to netstandard2.0.</summary>
internal static class UInt128Math
{
    /// <summary>Returns the high 64 bits of a·b and the low 64 bits in <paramref name="low"/>.</summary>
    public static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
    {
#if NET5_0_OR_GREATER
        return System.Math.BigMul(a, b, out low);
#else
        unchecked
        {
            ulong aLo = (uint)a, aHi = a >> 32, bLo = (uint)b, bHi = b >> 32;
            ulong ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
            ulong mid = (ll >> 32) + (uint)lh + (uint)hl;
            low = (mid << 32) | (uint)ll;
            return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
        }
#endif
    }
}
