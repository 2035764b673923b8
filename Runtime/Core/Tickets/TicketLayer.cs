using System;

namespace SlthGen;

/// <summary>
/// One pruned layer of g: matrix M_<see cref="GLayer"/> of shape <see cref="Rows"/> × <see cref="Columns"/>
/// with only the kept entries (mask S ⊙ M), stored row by row (CSR). Each kept weight is the
/// reduced random weight [M[row, column]]_δ in units of δ, nothing else. The layer computes
/// out[r] = [σ(Σ_c w[r,c]·in[c])] shifted right by <see cref="Shift"/> (floor), σ only when <see cref="Relu"/>.
/// </summary>
public sealed class TicketLayer
{
    private readonly int[] _rowStart;
    private readonly int[] _columns;
    private readonly long[] _weights;

    /// <summary>Creates a pruned layer from CSR arrays (used by generated code and by .npz import); validates them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the shift is out of range.</exception>
    /// <exception cref="ArgumentException">The CSR arrays are inconsistent.</exception>
    public static TicketLayer Create(int gLayer, int rows, int columns, bool relu, int shift, int[] rowStart, int[] columnIndices, long[] weights)
    {
        if (gLayer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gLayer), gLayer, "Layers of g are numbered from 1.");
        }

        if (rows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
        }

        if (columns < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "The column count cannot be negative.");
        }

        if (shift < 0 || shift > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "The floor shift must be between 0 and 62.");
        }

        if (rowStart is null || rowStart.Length != rows + 1 || rowStart[0] != 0)
        {
            throw new ArgumentException($"rowStart needs rows + 1 = {rows + 1} entries starting at 0.", nameof(rowStart));
        }

        if (columnIndices is null || weights is null || columnIndices.Length != weights.Length || rowStart[rows] != weights.Length)
        {
            throw new ArgumentException("columnIndices and weights need one entry per kept weight (rowStart[rows]).", nameof(columnIndices));
        }

        for (int r = 0; r < rows; r++)
        {
            if (rowStart[r + 1] < rowStart[r])
            {
                throw new ArgumentException($"rowStart decreases at row {r}.", nameof(rowStart));
            }

            for (int e = rowStart[r]; e < rowStart[r + 1]; e++)
            {
                if (columnIndices[e] < 0 || columnIndices[e] >= columns || (e > rowStart[r] && columnIndices[e] <= columnIndices[e - 1]))
                {
                    throw new ArgumentException($"Row {r}'s columns must be ascending and in [0, {columns}); found {columnIndices[e]}.", nameof(columnIndices));
                }
            }
        }

        return new TicketLayer(gLayer, rows, columns, relu, shift, (int[])rowStart.Clone(), (int[])columnIndices.Clone(), (long[])weights.Clone());
    }

    internal TicketLayer(int gLayer, int rows, int columns, bool relu, int shift, int[] rowStart, int[] columnIndices, long[] weights)
    {
        GLayer = gLayer;
        Rows = rows;
        Columns = columns;
        Relu = relu;
        Shift = shift;
        _rowStart = rowStart;
        _columns = columnIndices;
        _weights = weights;
    }

    /// <summary>The 1-based index i of M_i in g.</summary>
    public int GLayer { get; }

    /// <summary>Rows of the dense M_i (this layer's outputs).</summary>
    public int Rows { get; }

    /// <summary>Columns of the dense M_i (this layer's inputs).</summary>
    public int Columns { get; }

    /// <summary>Whether σ = ReLU is applied.</summary>
    public bool Relu { get; }

    /// <summary>The floor shift applied after σ (0: no quantisation, the paper's odd layers).</summary>
    public int Shift { get; }

    /// <summary>The number of kept weights.</summary>
    public int KeptCount => _weights.Length;

    /// <summary>Parameters of the dense M_i.</summary>
    public long DenseCount => (long)Rows * Columns;

    /// <summary>CSR row starts: row r's entries are [RowStart[r], RowStart[r+1]).</summary>
    public ReadOnlySpan<int> RowStart => _rowStart;

    /// <summary>The column of every kept entry.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columns;

    /// <summary>The reduced weight of every kept entry, in units of δ.</summary>
    public ReadOnlySpan<long> Weights => _weights;

    /// <summary>The dense 0/1 mask S_i, row-major (for export and inspection).</summary>
    public bool[] DenseMask()
    {
        var mask = new bool[DenseCount];
        for (int r = 0; r < Rows; r++)
        {
            for (int e = _rowStart[r]; e < _rowStart[r + 1]; e++)
            {
                mask[((long)r * Columns) + _columns[e]] = true;
            }
        }

        return mask;
    }

    internal void Forward(ReadOnlySpan<long> input, Span<long> output)
    {
        for (int r = 0; r < Rows; r++)
        {
            long sum = 0;
            for (int e = _rowStart[r]; e < _rowStart[r + 1]; e++)
            {
                sum = checked(sum + checked(_weights[e] * input[_columns[e]]));
            }

            if (Relu && sum < 0)
            {
                sum = 0;
            }

            output[r] = sum >> Shift;
        }
    }
}
