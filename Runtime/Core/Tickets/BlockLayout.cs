namespace SlthGen;

/// <summary>
/// How the hidden neurons of a block layer of g (Theorem 1's odd layers, Theorem 2's first
/// layer) are shared out among the input blocks (docs/random-network.md, section 5).
/// </summary>
public enum BlockLayout
{
    /// <summary>
    /// Every input j (and the constant channel) gets its own n_j, the fewest neurons that solve
    /// all of its block's instances; blocks are contiguous runs of g's neurons in input order,
    /// so g's width is Σ n_j. The default.
    /// </summary>
    Adaptive = 0,

    /// <summary>
    /// Every block gets the same n neurons, strided (neuron p·D + j is position p of block j), so
    /// g's width is n·D with n set by the hardest instance of the whole layer.
    /// </summary>
    Fixed = 1,
}
